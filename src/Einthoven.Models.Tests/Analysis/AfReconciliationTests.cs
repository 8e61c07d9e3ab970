using Einthoven.Models.Analysis;
using Einthoven.Models.Beats;
using Einthoven.Signal.Analysis;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;

namespace Einthoven.Models.Tests.Analysis;

public class AfReconciliationTests
{
    private const double Fs = 100;

    private static RhythmVerdict Verdict(params (double Start, double End, string Label)[] windows) =>
        new("O", "other rhythm", new Dictionary<string, double>(), "II", null,
            windows.Select(w => new RhythmWindow(w.Start, w.End, w.Label, 0.9)).ToArray(), null, "test");

    private static IReadOnlyList<ClassifiedBeat> Reconcile(IReadOnlyList<ClassifiedBeat> beats, RhythmVerdict rhythm) =>
        AfReconciliation.Apply(beats, AfReconciliation.InAtrialFibrillation(beats.Select(b => b.Sample).ToArray(), rhythm, Fs));

    private static ClassifiedBeat Beat(double seconds, AamiClass c)
    {
        var p = new float[AamiMapping.ClassCount];
        p[(int)c] = 0.7f;
        p[(int)AamiClass.N] += 0.2f;
        p[(int)AamiClass.V] += 0.1f;
        return new ClassifiedBeat((long)(seconds * Fs), c, p);
    }

    [Fact]
    public void S_beats_in_atrial_fibrillation_windows_become_N_and_nothing_else_changes()
    {
        var beats = new[] { Beat(5, AamiClass.S), Beat(31, AamiClass.S), Beat(45, AamiClass.V), Beat(59.99, AamiClass.S), Beat(60, AamiClass.S) };
        var rhythm = Verdict((0, 30, "N"), (30, 60, "A"), (60, 90, "O"));
        var result = Reconcile(beats, rhythm);
        Assert.Equal([AamiClass.S, AamiClass.N, AamiClass.V, AamiClass.N, AamiClass.S], result.Select(b => b.Class));
        Assert.Equal(beats.Select(b => b.Sample), result.Select(b => b.Sample));
        // The S probability moved to N; the row still sums to one and N is now the most probable class.
        Assert.Equal(0f, result[1].Probabilities[(int)AamiClass.S]);
        Assert.Equal(0.9f, result[1].Probabilities[(int)AamiClass.N], 5);
        Assert.Equal(1f, result[1].Probabilities.Sum(), 5);
        Assert.Same(beats[2], result[2]);
    }

    [Fact]
    public void Without_atrial_fibrillation_windows_the_beats_are_kept()
    {
        var beats = new[] { Beat(1, AamiClass.S), Beat(2, AamiClass.N) };
        Assert.Equal(beats, Reconcile(beats, Verdict((0, 30, "N"))));
        Assert.Equal(beats, Reconcile(beats, Verdict()));
    }

    [Fact]
    public void The_shipped_analysis_reports_no_S_beat_in_a_ptbxl_atrial_fibrillation_ecg_where_the_beat_classifier_alone_does()
    {
        var record = RecordFiles.Read(Path.Combine(TestData.PtbXl, "records100", "00000", "00820_lr.hea")); // PTB-XL AFIB
        var analyzer = ModelAnalyzer.Shipped;
        Assert.Contains(analyzer.Beats.Classify(record), b => b.Class == AamiClass.S);
        var (beats, rhythm) = analyzer.ClassifyBeats(record);
        Assert.Equal(RhythmVerdict.AtrialFibrillation, rhythm.Label);
        Assert.NotEmpty(beats);
        Assert.DoesNotContain(beats, b => b.Class == AamiClass.S);
    }
}
