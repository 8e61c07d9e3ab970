using Einthoven.Evaluation.Monitoring;
using Einthoven.Monitoring;
using Einthoven.Signal.Records;

namespace Einthoven.Evaluation.Tests.Monitoring;

public class AlertScoringTests
{
    private const double Fs = 100;

    private static MonitorAlert Alert(AlertKind kind, AlertPhase phase, long start, long detectedAt) =>
        new(kind, phase, AlertSeverity.Warning, start, detectedAt, start, start, "");

    [Fact]
    public void Events_match_by_overlap_within_the_tolerance_and_delays_count_from_the_reference_start()
    {
        var reference = new[]
        {
            new ReferenceEvent(AlertKind.Bradycardia, 1000, 3000),   // found, alert 7 s late
            new ReferenceEvent(AlertKind.Bradycardia, 10000, 12000), // missed
            new ReferenceEvent(AlertKind.Bradycardia, 20000, 21000, DontCare: true),
        };
        var alerts = new[]
        {
            Alert(AlertKind.Bradycardia, AlertPhase.Onset, 1500, 1700), Alert(AlertKind.Bradycardia, AlertPhase.End, 2500, 2600),
            Alert(AlertKind.Bradycardia, AlertPhase.Onset, 6000, 6100), Alert(AlertKind.Bradycardia, AlertPhase.End, 7000, 7100), // false
            Alert(AlertKind.Bradycardia, AlertPhase.Onset, 20100, 20200), // on a don't-care event: neither way; open to the end
        };
        var score = AlertScoring.Score(AlertKind.Bradycardia, [new ScoredStream("x", Fs, 30000, reference, alerts)]);

        Assert.Equal((2, 1, 2, 1), (score.Reference, score.Found, score.Alerted, score.True));
        Assert.Equal(0.5, score.Sensitivity);
        Assert.Equal(0.5, score.PositivePredictivity);
        Assert.Equal(7, score.MedianDelay);
    }

    [Fact]
    public void A_pause_is_an_instant_and_an_alert_already_open_has_no_delay()
    {
        var reference = new[] { new ReferenceEvent(AlertKind.Pause, 5000, 5300), new ReferenceEvent(AlertKind.AtrialFibrillation, 8000, 9000) };
        var alerts = new[]
        {
            Alert(AlertKind.Pause, AlertPhase.Onset, 5000, 5260),
            Alert(AlertKind.AtrialFibrillation, AlertPhase.Onset, 2000, 2100),
        };
        var scores = AlertScoring.Score([new ScoredStream("x", Fs, 10000, reference, alerts)]);

        var pause = scores.Single(s => s.Kind == AlertKind.Pause);
        Assert.Equal((1, 1, 1, 1), (pause.Reference, pause.Found, pause.Alerted, pause.True));
        Assert.Equal(2.6, pause.MedianDelay!.Value, 6);
        Assert.Equal(0, scores.Single(s => s.Kind == AlertKind.AtrialFibrillation).MedianDelay);
    }

    [Fact]
    public void Reference_events_come_from_rhythm_annotations_and_reference_beats()
    {
        var annotations = new List<Annotation> { Annotation.FromSymbol(0, "+", "(N\0") };
        long t = 0;
        for (var i = 0; i < 20; i++) annotations.Add(Annotation.FromSymbol(t += 80, "N"));           // 75 bpm
        for (var i = 0; i < 4; i++) annotations.Add(Annotation.FromSymbol(t += 40, "V"));            // 4 V at 150 bpm
        annotations.Add(Annotation.FromSymbol(t += 300, "N"));                                          // 3 s pause
        annotations.Add(Annotation.FromSymbol(t + 10, "+", "(AFIB"));
        for (var i = 0; i < 10; i++) annotations.Add(Annotation.FromSymbol(t += 70, "N"));
        var events = ReferenceEvents.From(annotations, Fs, t + 100, MonitorSettings.Default);

        Assert.Single(events, e => e.Kind == AlertKind.VentricularTachycardiaRun);
        Assert.Single(events, e => e.Kind == AlertKind.Pause);
        Assert.Single(events, e => e.Kind == AlertKind.AtrialFibrillation && e.End == t + 100);
        Assert.DoesNotContain(events, e => e.Kind is AlertKind.Asystole or AlertKind.SustainedVentricularTachycardia);
    }
}
