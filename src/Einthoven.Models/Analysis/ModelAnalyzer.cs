using Einthoven.Models.Beats;
using Einthoven.Models.Pacemaker;
using Einthoven.Models.Rhythm;
using Einthoven.Models.TwelveLead;
using Einthoven.Signal.Analysis;
using Einthoven.Signal.Analysis.Quality;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;

namespace Einthoven.Models.Analysis;

/// <summary>
/// The one whole-record analysis with the trained models: the signal library's <see cref="RecordAnalyzer"/> measurements
/// (rate, HRV, intervals, quality, pacing) composed into an <see cref="AnalysisReport"/> with the beat classifier's AAMI classes and the rhythm verdict
/// (<see cref="RecordRhythm"/>), the two made to agree (<see cref="AfReconciliation"/>). The CLI's <c>analyze</c>,
/// <c>classify</c> and <c>eval beats</c> and the server's analysis job all run it. A record with the leads of a resting
/// 12-lead ECG also gets the 12-lead model's statements, read from its first 10 s (<see cref="TwelveLeadClassifier"/>).
/// Load it once (<see cref="Shipped"/>) and share it: it is safe to use from several threads.
/// </summary>
public sealed class ModelAnalyzer(BeatClassifier beats, ModelVersion beatModel, RecordRhythm rhythm)
{
    private static readonly Lazy<ModelAnalyzer> ShippedModels = new(LoadShipped, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The shipped models, loaded (and hash-checked) on first use, once per process.</summary>
    public static ModelAnalyzer Shipped => ShippedModels.Value;

    public static ModelAnalyzer LoadShipped() => Load(BeatClassifier.ShippedCardPath);

    /// <summary>The beat model of <paramref name="beatCardPath"/> with the shipped rhythm model.</summary>
    public static ModelAnalyzer Load(string beatCardPath)
    {
        var beats = BeatClassifier.Load(beatCardPath);
        return new ModelAnalyzer(beats, new ModelVersion(beats.Card!.Name, beats.Card.Version), RecordRhythm.LoadShipped())
        {
            Pacemaker = PacemakerDetector.LoadShipped(), TwelveLead = TwelveLeadClassifier.LoadShipped(),
        };
    }

    /// <summary>The pacemaker detector whose verdict every report carries, or null for none.</summary>
    public PacemakerDetector? Pacemaker { get; init; }

    /// <summary>The 12-lead statement classifier whose statements every report of a 12-lead record carries, or null for none.</summary>
    public ITwelveLeadClassifier? TwelveLead { get; init; }

    /// <summary>This analysis with another 12-lead classifier (a registered ONNX model), everything else shared.</summary>
    public ModelAnalyzer WithTwelveLead(ITwelveLeadClassifier? classifier) => new(beats, beatModel, rhythm) { Pacemaker = Pacemaker, TwelveLead = classifier };

    public IReadOnlyList<ModelVersion> Models =>
        [beatModel, rhythm.Model, .. Pacemaker is { } p ? [p.Version] : Array.Empty<ModelVersion>(), .. TwelveLead is { } t ? [t.Model] : Array.Empty<ModelVersion>()];

    public BeatClassifier Beats => beats;

    public RecordRhythm Rhythm => rhythm;

    /// <summary>
    /// Name and versions of the whole analysis, e.g.
    /// "einthoven-signal/record-analyzer-2+beats-1+einthoven-rhythm-1+rhythm-all-leads-1+einthoven-rhythm-resting-1+patient-adaptation-2+einthoven-pacemaker-1"
    /// (the last rhythm part: the 12-lead head; then the pacemaker detector and the 12-lead statement classifier); it
    /// changes whenever the results would.
    /// </summary>
    public string Name => string.Join("+", new[] { beatModel, rhythm.Model }.Select(m => $"{m.Name}-{m.Version}").Prepend("einthoven-signal/record-analyzer-2").Append(RhythmLeadsVersion)
        .Concat(rhythm.HeadModel is { } head ? [$"{head.Name}-{head.Version}"] : []).Append(PatientAdaptationVersion)
        .Concat(Pacemaker is { } p ? [$"{p.Version.Name}-{p.Version.Version}"] : [])
        .Concat(TwelveLead is { } t ? [$"{t.Model.Name}-{t.Model.Version}"] : []));

    private const string PatientAdaptationVersion = "patient-adaptation-2";

    // Resting ECGs of three or more leads read the rhythm on every lead (RecordRhythm.LeadsRead).
    private const string RhythmLeadsVersion = "rhythm-all-leads-1";

    /// <summary>Analyses a whole record; <paramref name="progress"/> goes from 0 to 1 over the stages.</summary>
    public ModelAnalysis Analyze(EcgRecord record, IProgress<double>? progress = null, CancellationToken ct = default) =>
        WithStatements(AnalyzeInDetail(record, progress, ct).Analysis, n => FirstSamples(record, n));

    /// <summary>
    /// Analyses the record <paramref name="reader"/> reads in bounded memory: a record of at most
    /// <see cref="LongRecordAnalyzer.SegmentSamples"/> samples over all leads whole (the same result as
    /// <see cref="Analyze(EcgRecord, IProgress{double}?, CancellationToken)"/>), a longer one segment by segment
    /// (<see cref="LongRecordAnalyzer"/>).
    /// </summary>
    public ModelAnalysis Analyze(ISignalReader reader, IProgress<double>? progress = null, CancellationToken ct = default) =>
        WithStatements(LongRecordAnalyzer.Analyze(this, reader, progress, ct), n => RecordFiles.ReadAll(new RecordSlice(reader, 0, n)));

    /// <summary>
    /// The report with the 12-lead statements of the record's first <see cref="ITwelveLeadClassifier.WindowSeconds"/>
    /// (10 s for the shipped model), or, when the record cannot be read so (too few leads, too short), with the reason
    /// under "statements" in <see cref="AnalysisReport.NotMeasured"/>.
    /// </summary>
    private ModelAnalysis WithStatements(ModelAnalysis analysis, Func<long, EcgRecord> firstSamples)
    {
        if (TwelveLead is not { } twelveLead) return analysis;
        var report = analysis.Report;
        var seconds = twelveLead.WindowSeconds;
        try
        {
            var prediction = twelveLead.Classify(firstSamples((long)Math.Ceiling(seconds * report.SamplingFrequency) + 1));
            return analysis with { Report = report with { Statements = prediction } };
        }
        catch (TwelveLeadInputException e)
        {
            var notMeasured = new Dictionary<string, string>(report.NotMeasured ?? new Dictionary<string, string>()) { ["statements"] = e.Message };
            return analysis with { Report = report with { NotMeasured = notMeasured } };
        }
    }

    private static EcgRecord FirstSamples(EcgRecord record, long count) => count >= record.Info.SampleCount ? record
        : new EcgRecord(record.Info with { SampleCount = count }, record.Samples.Select(lead => lead[..(int)count]).ToArray());

    /// <summary>
    /// The analysis with what composing several of them needs: the report's R peaks and the rhythm windows' probabilities.
    /// The beat classes, and the rhythm of a record with a limb lead (<see cref="RecordRhythm.LimbLead"/>), do not depend
    /// on the signal library's analysis: they run beside it (<see cref="BesideWork{T}"/>), with the same results.
    /// </summary>
    internal SegmentAnalysis AnalyzeInDetail(EcgRecord record, IProgress<double>? progress, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var limbLead = RecordRhythm.LimbLead(record.Info);
        using var beatWork = new BesideWork<(IReadOnlyList<ClassifiedBeat>, BeatFeatures)>(() => beats.ClassifyWithFeatures(record));
        using var rhythmWork = limbLead >= 0
            ? new BesideWork<(RhythmVerdict, IReadOnlyList<double[]>)>(() => rhythm.ClassifyInDetail(record, limbLead, ct)) : null;
        var signal = RecordAnalyzer.AnalyzeInDetail(record);
        progress?.Report(0.5);
        ct.ThrowIfCancellationRequested();
        var rhythmLead = RecordRhythm.ChooseLead(record.Info, signal.Measurements.Quality.RhythmLead);
        var (beatClasses, features) = beatWork.Join();
        progress?.Report(0.8);
        ct.ThrowIfCancellationRequested();
        var (verdict, windows) = rhythmWork?.Join() ?? rhythm.ClassifyInDetail(record, rhythmLead, ct);
        var all = Agree(beatClasses, features, verdict, record.Info.SamplingFrequency);
        progress?.Report(1);
        // Nothing is read from a segment judged inconclusive: its beats are neither reported nor counted.
        var fs = record.Info.SamplingFrequency;
        var inconclusive = signal.Measurements.Quality.Segments.Where(s => s.Level == QualitySummary.Label(QualityLevel.Inconclusive)).ToList();
        var classified = all.Where(b => !inconclusive.Any(s => b.Sample >= s.StartSeconds * fs && b.Sample < s.EndSeconds * fs)).ToList();
        (verdict, windows) = WithoutUnreadableWindows(verdict, windows, inconclusive);
        var report = AnalysisReport.Of(signal.Measurements, classified, verdict, Models, Pacemaker?.Detect(record, signal));
        return new SegmentAnalysis(new ModelAnalysis(report, classified, BeatSignal.ChooseLeads(record.Info).A, rhythmLead), signal, windows);
    }

    /// <summary>
    /// Rhythm windows that lie mostly in inconclusive segments are too noisy to read ('~', their probabilities all
    /// '~'), and the verdict is composed again from the windows, so no rhythm is read from what cannot be read.
    /// </summary>
    private (RhythmVerdict Verdict, IReadOnlyList<double[]> WindowProbabilities) WithoutUnreadableWindows(
        RhythmVerdict verdict, IReadOnlyList<double[]> probabilities, IReadOnlyList<QualitySegment> inconclusive)
    {
        static double Overlap(RhythmWindow w, QualitySegment s) => Math.Max(0, Math.Min(w.EndSeconds, s.EndSeconds) - Math.Max(w.StartSeconds, s.StartSeconds));
        var unreadable = verdict.Windows.Select(w => inconclusive.Sum(s => Overlap(w, s)) > (w.EndSeconds - w.StartSeconds) / 2).ToArray();
        if (!unreadable.Contains(true)) return (verdict, probabilities);
        var noisy = RhythmLabels.All.Select(l => l == RhythmVerdict.Inconclusive ? 1.0 : 0.0).ToArray();
        var windows = verdict.Windows.Select((w, i) => unreadable[i] ? w with { Label = RhythmVerdict.Inconclusive, Probability = 1 } : w).ToArray();
        var masked = probabilities.Select((p, i) => unreadable[i] ? noisy : p).ToArray();
        return (rhythm.Compose(verdict.Lead, windows, masked), masked);
    }

    /// <summary>
    /// Every beat with its AAMI class, agreed with the rhythm (<see cref="AfReconciliation"/>), and the rhythm verdict
    /// (read from a limb lead, else the first; <see cref="Analyze(EcgRecord, IProgress{double}?, CancellationToken)"/> also uses the quality assessment's choice).
    /// </summary>
    public (IReadOnlyList<ClassifiedBeat> Beats, RhythmVerdict Rhythm) ClassifyBeats(EcgRecord record, CancellationToken ct = default)
    {
        var (classified, features) = beats.ClassifyWithFeatures(record);
        ct.ThrowIfCancellationRequested();
        var verdict = rhythm.Classify(record, ct);
        return (Agree(classified, features, verdict, record.Info.SamplingFrequency), verdict);
    }

    /// <summary>
    /// The beat classes users get: S beats in the rhythm model's atrial fibrillation become N
    /// (<see cref="AfReconciliation"/>), then the V and S decisions are adapted to the patient
    /// (<see cref="PatientAdaptation"/>).
    /// </summary>
    public static IReadOnlyList<ClassifiedBeat> Agree(IReadOnlyList<ClassifiedBeat> beats, BeatFeatures features, RhythmVerdict verdict, double samplingFrequency)
    {
        var inAf = AfReconciliation.InAtrialFibrillation(beats.Select(b => b.Sample).ToArray(), verdict, samplingFrequency);
        return PatientAdaptation.Apply(AfReconciliation.Apply(beats, inAf), features, inAf);
    }
}

/// <summary>One <see cref="ModelAnalyzer"/> run with the details <see cref="LongRecordAnalyzer"/> composes segments from.</summary>
internal sealed record SegmentAnalysis(ModelAnalysis Analysis, RecordAnalysis Signal, IReadOnlyList<double[]> WindowProbabilities);
