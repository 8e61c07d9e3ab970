using Einthoven.Learning.Serialization;
using Einthoven.Models.Rhythm;
using Einthoven.Signal.Analysis;
using Einthoven.Signal.Analysis.Filters;
using Einthoven.Signal.Records;

namespace Einthoven.Models.Analysis;

/// <summary>
/// The rhythm of a record of any length, rate and lead count with the single-lead CinC 2017 classifier, which was
/// trained on one lead at 300 Hz, 9-60 s long. The rhythm lead (II, MLII or I when present, else the lead the quality
/// assessment chose) is resampled to 300 Hz. A record of 9-60 s is classified whole; a longer one in consecutive 30 s
/// windows (a remainder under 9 s joins the last window). A resting ECG of three or more leads (at most 60 s) is read on
/// every lead: one lead's sinus P waves may be flat where another's are clear (on PTB-XL, sinus rhythm called normal
/// went from 78 % of plain sinus records on lead II to 91 % with the mean over the leads the model does not find too
/// noisy). The 12-lead head (<see cref="RestingRhythmHead"/>, trained on PTB-XL's rhythm statements) turns the leads'
/// predictions, their RR features and the P waves into the record's probabilities; without a head they are the mean
/// over the readable leads. The record's probabilities are the windows' probabilities
/// averaged by duration. Its label is A when atrial fibrillation is sustained (consecutive A windows covering at least
/// 60 s), so that an episode in a long Holter record is not averaged away, and otherwise the most probable label.
/// Under 9 s the verdict is inconclusive with the reason.
/// </summary>
public sealed class RecordRhythm(RhythmClassifier classifier, ModelVersion model, RestingRhythmHead? head = null, ModelVersion? headModel = null)
{
    public const double ModelRate = 300, MinimumSeconds = 9, WholeRecordSeconds = 60, WindowSeconds = 30, SustainedAfSeconds = 60;
    private readonly Lock _network = new(); // the classifier's layers keep their activations: one inference at a time

    public ModelVersion Model { get; } = model;

    /// <summary>The 12-lead head's name and version, or null when resting ECGs get the plain mean over their leads.</summary>
    public ModelVersion? HeadModel { get; } = head is null ? null : headModel ?? new ModelVersion("rhythm-resting-head", "unversioned");

    /// <summary>The shipped rhythm model and 12-lead head, with the names and versions of their cards.</summary>
    public static RecordRhythm LoadShipped()
    {
        var headCard = ModelCard.Load(RestingRhythmHead.ShippedCardPath);
        return LoadShippedWithoutHead().WithHead(RestingRhythmHead.LoadCard(RestingRhythmHead.ShippedCardPath), new ModelVersion(headCard.Name, headCard.Version));
    }

    /// <summary>The same CinC model with another 12-lead head.</summary>
    public RecordRhythm WithHead(RestingRhythmHead restingHead, ModelVersion version) => new(classifier, Model, restingHead, version);

    /// <summary>The shipped CinC model alone: resting ECGs get the mean over their readable leads (what the head is trained from).</summary>
    public static RecordRhythm LoadShippedWithoutHead()
    {
        var card = ModelCard.Load(RhythmClassifier.ShippedCardPath);
        return new RecordRhythm(RhythmClassifier.LoadShipped(), new ModelVersion(card.Name, card.Version));
    }

    /// <summary>The lead the rhythm is read from: a limb lead like the training recordings, else the best-quality lead.</summary>
    public static int ChooseLead(RecordInfo info, string qualityRhythmLead) =>
        LimbLead(info) is var limb and >= 0 ? limb : Math.Max(0, info.LeadIndex(qualityRhythmLead));

    /// <summary>The limb lead the rhythm is read from when the record has one (II, MLII, else I), whatever the quality assessment says; -1 when it has none.</summary>
    public static int LimbLead(RecordInfo info) => new[] { info.LeadIIIndex(), info.LeadIndex("I") }.FirstOrDefault(i => i >= 0, -1);

    /// <summary>The verdict on the lead <see cref="ChooseLead"/> picks without a quality assessment (II, MLII or I, else the first).</summary>
    public RhythmVerdict Classify(EcgRecord record, CancellationToken ct = default) => Classify(record, ChooseLead(record.Info, ""), ct);

    public RhythmVerdict Classify(EcgRecord record, int lead, CancellationToken ct = default) => ClassifyInDetail(record, lead, ct).Verdict;

    /// <summary>The verdict with every window's probability of each label (in <see cref="RhythmLabels.All"/>'s order), for <see cref="Compose"/>.</summary>
    /// <param name="lead">The rhythm lead; a resting ECG of three or more leads is read on all of them (<see cref="LeadsRead"/>).</param>
    public (RhythmVerdict Verdict, IReadOnlyList<double[]> WindowProbabilities) ClassifyInDetail(EcgRecord record, int lead, CancellationToken ct = default)
    {
        var reading = Read(record, lead, ct);
        if (reading.Predictions is not { } predictions)
            return (Inconclusive(reading.Name, $"the record is {reading.Seconds:0.#} s long; the rhythm model needs at least {MinimumSeconds:0} s"), []);
        var bounds = reading.Bounds;
        var probabilities = bounds.Select((_, w) => MeanOverReadableLeads(predictions.Select(p => p[w]).ToArray())).ToArray();
        if (head is not null && reading.IsResting)
            probabilities[0] = head.Probabilities(probabilities[0], RestingFeatures(reading));
        var windows = bounds.Select((b, w) =>
        {
            var best = Array.IndexOf(probabilities[w], probabilities[w].Max());
            return new RhythmWindow(b.Start / ModelRate, b.End / ModelRate, RhythmLabels.All[best], Round(probabilities[w][best]));
        }).ToArray();
        return (Compose(reading.Name, windows, probabilities), probabilities);
    }

    /// <summary>
    /// What the 12-lead head reads from a resting ECG (<see cref="RestingRhythmFeatures"/>, the rhythm lead chosen as by
    /// <see cref="Classify(EcgRecord, CancellationToken)"/>) and the CinC model's probabilities averaged over the readable
    /// leads; null when the record is not a resting ECG of at least <see cref="MinimumSeconds"/>.
    /// </summary>
    public (double[] Features, double[] CincMean)? RestingInputs(EcgRecord record, CancellationToken ct = default)
    {
        var reading = Read(record, ChooseLead(record.Info, ""), ct);
        if (reading.Predictions is not { } predictions || !reading.IsResting) return null;
        return (RestingFeatures(reading), MeanOverReadableLeads(predictions.Select(p => p[0]).ToArray()));
    }

    /// <summary>The leads read, resampled to <see cref="ModelRate"/>, and the CinC model's prediction on each lead's windows (null under <see cref="MinimumSeconds"/>).</summary>
    private sealed record Reading(IReadOnlyList<int> Leads, int RhythmLead, string Name, double Seconds, double[][] Signals,
        IReadOnlyList<(int Start, int End)> Bounds, RhythmInput[][] Inputs, RhythmPrediction[][]? Predictions)
    {
        public bool IsResting => Leads.Count >= 3 && Bounds.Count == 1;
    }

    private Reading Read(EcgRecord record, int lead, CancellationToken ct)
    {
        var info = record.Info;
        var leads = LeadsRead(info, lead);
        var name = string.Join(", ", leads.Select(l => info.Leads[l].Name));
        var signals = leads.Select(l => Resampled(record, l)).ToArray();
        var seconds = signals[0].Length / ModelRate;
        var rhythmLead = Math.Max(0, leads.ToList().IndexOf(lead));
        if (seconds < MinimumSeconds) return new Reading(leads, rhythmLead, name, seconds, signals, [], [], null);

        var bounds = WindowBounds(signals[0].Length);
        var inputs = new RhythmInput[leads.Count][];
        for (var k = 0; k < leads.Count; k++)
        {
            var resolution = 1 / (info.Leads[leads[k]].Gain > 0 ? info.Leads[leads[k]].Gain : 200);
            inputs[k] = new RhythmInput[bounds.Count];
            for (var w = 0; w < bounds.Count; w++)
            {
                ct.ThrowIfCancellationRequested();
                inputs[k][w] = classifier.Prepare(signals[k][bounds[w].Start..bounds[w].End], ModelRate, resolution);
            }
        }
        RhythmPrediction[][] predictions;
        lock (_network) predictions = inputs.Select(perLead => perLead.Select(classifier.Classify).ToArray()).ToArray();
        return new Reading(leads, rhythmLead, name, seconds, signals, bounds, inputs, predictions);
    }

    private static double[] RestingFeatures(Reading r) => RestingRhythmFeatures.Compute(
        r.Predictions!.Select(p => p[0]).ToArray(), r.Inputs.Select(i => i[0].Features).ToArray(),
        RestingRhythmFeatures.PWaves(r.Signals, r.RhythmLead, ModelRate));

    /// <summary>The leads the rhythm is read on: every lead of a resting ECG (three or more leads, at most 60 s), else the rhythm lead alone.</summary>
    public static IReadOnlyList<int> LeadsRead(RecordInfo info, int rhythmLead) =>
        info.Leads.Count >= 3 && info.Duration.TotalSeconds <= WholeRecordSeconds ? Enumerable.Range(0, info.Leads.Count).ToArray() : [rhythmLead];

    /// <summary>The leads' probabilities averaged over those the model does not call too noisy (all of them if it calls every one so).</summary>
    private static double[] MeanOverReadableLeads(IReadOnlyList<RhythmPrediction> leads)
    {
        var readable = RestingRhythmFeatures.Readable(leads);
        return RhythmLabels.All.Select((_, c) => readable.Average(l => (double)leads[l].Probabilities[c])).ToArray();
    }

    /// <summary>
    /// The verdict of consecutive classified windows (of one record, or of the segments of a long one laid end to end):
    /// probabilities averaged by duration, A when atrial fibrillation is sustained, the AF burden.
    /// </summary>
    /// <param name="probabilities">Each window's probability of each label, in <see cref="RhythmLabels.All"/>'s order.</param>
    public RhythmVerdict Compose(string lead, IReadOnlyList<RhythmWindow> windows, IReadOnlyList<double[]> probabilities)
    {
        if (windows.Count == 0) return Inconclusive(lead, "no window of the record could be classified");
        var total = windows.Sum(Duration);
        var mean = RhythmLabels.All.Select((_, c) => windows.Select((w, i) => Duration(w) * probabilities[i][c]).Sum() / total).ToArray();
        var label = HasSustainedAf(windows) ? RhythmVerdict.AtrialFibrillation : RhythmLabels.All[Array.IndexOf(mean, mean.Max())];
        var burden = windows.Where(w => w.Label == RhythmVerdict.AtrialFibrillation).Sum(Duration) / total;
        var byLabel = RhythmLabels.All.Select((l, c) => (l, p: Round(mean[c]))).ToDictionary(x => x.l, x => x.p);
        var reason = label == RhythmVerdict.Inconclusive ? "the model judged the signal too noisy for a rhythm verdict" : null;
        return new RhythmVerdict(label, RhythmVerdict.NameOf(label), byLabel, lead, Round(burden), windows, reason, Describe());
    }

    private static bool HasSustainedAf(IReadOnlyList<RhythmWindow> windows)
    {
        var run = 0.0;
        foreach (var w in windows)
        {
            run = w.Label == RhythmVerdict.AtrialFibrillation ? run + Duration(w) : 0;
            if (run >= SustainedAfSeconds) return true;
        }
        return false;
    }

    /// <summary>Sample ranges at 300 Hz: the whole record up to 60 s, else 30 s windows with a short remainder joined to the last.</summary>
    public static IReadOnlyList<(int Start, int End)> WindowBounds(int length)
    {
        if (length < WholeRecordSeconds * ModelRate + 1) return [(0, length)];
        var step = (int)(WindowSeconds * ModelRate);
        var bounds = new List<(int Start, int End)>();
        for (var start = 0; start + step <= length; start += step) bounds.Add((start, start + step));
        var rest = length - bounds[^1].End;
        if (rest >= MinimumSeconds * ModelRate) bounds.Add((bounds[^1].End, length));
        else bounds[^1] = (bounds[^1].Start, length);
        return bounds;
    }

    private RhythmVerdict Inconclusive(string lead, string reason) =>
        new(RhythmVerdict.Inconclusive, RhythmVerdict.NameOf(RhythmVerdict.Inconclusive), new Dictionary<string, double>(), lead, null, [], reason, Describe());

    private static double[] Resampled(EcgRecord record, int lead)
    {
        var physical = record.Physical(lead);
        for (var i = 0; i < physical.Length; i++)
            if (!double.IsFinite(physical[i])) physical[i] = i > 0 ? physical[i - 1] : 0;
        var fs = record.Info.SamplingFrequency;
        return Math.Abs(fs - ModelRate) < 1e-9 ? physical : Resampler.Resample(physical, fs, ModelRate);
    }

    private string Describe() => $"{Model.Name} {Model.Version}";

    private static double Duration(RhythmWindow w) => w.EndSeconds - w.StartSeconds;

    private static double Round(double p) => Math.Round(p, 4);
}
