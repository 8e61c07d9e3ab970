using Einthoven.Evaluation.Digitization;
using Einthoven.Imaging.Degradation;
using Einthoven.Imaging.Digitizing;
using Einthoven.Imaging.Paper;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Einthoven.TestSupport;

namespace Einthoven.Evaluation.Tests.Digitization;

/// <summary>The protocol's wiring on PTB-XL 00008_lr (fold 9's first record), with stand-in digitisers whose output is known.</summary>
public class DigitizationEvaluationTests
{
    private static readonly EcgRecord Record = RecordFiles.Read(Path.Combine(TestData.PtbXl, "records100", "00000", "00008_lr.hea"));

    private static DigitizedEcg Returning(EcgRecord record) =>
        new(record, [], new PaperLayoutFound("3x4+1", 4, 25, 10, true), new DigitizeOverlay(new double[9], 0, 0, 0, 0, []));

    /// <summary>The record with every lead 40 ms late (the first four samples repeated).</summary>
    private static EcgRecord Late(EcgRecord record, int samples) =>
        new(record.Info, record.Samples.Select(lead => lead.Select((_, i) => lead[Math.Max(0, i - samples)]).ToArray()).ToArray());

    private static DigitizedImage Score(Func<SkiaSharp.SKBitmap, DigitizeOptions, DigitizedEcg> digitizer, PaperLayout layout = PaperLayout.ThreeByFour)
    {
        using var page = PaperEcgRenderer.Render(Record, new PaperOptions { Layout = layout });
        return DigitizationEvaluation.Digitize(8, Record, page, DegradationOptions.Clean, 1, digitizer).Image;
    }

    [Fact]
    public void The_record_itself_scores_infinite_snr_on_every_lead_and_a_late_copy_is_realigned()
    {
        var exact = Score((_, _) => Returning(Record));
        Assert.Null(exact.Failure);
        Assert.Equal(DigitizationEvaluation.Leads, exact.LeadSnrDb.Keys);
        Assert.All(exact.LeadSnrDb.Values, v => Assert.Equal(double.PositiveInfinity, v));

        var late = Score((_, _) => Returning(Late(Record, 4)), PaperLayout.SixByTwo);
        Assert.All(late.LeadSnrDb, kv => Assert.True(kv.Value > 30, $"{kv.Key}: {kv.Value} dB"));
    }

    [Fact]
    public void A_wrong_lead_scores_low_and_a_failure_is_counted_and_drops_out_of_the_mean()
    {
        // Every lead returned as lead I: lead I is exact, the others are wrong signals.
        var leadI = Record.Samples[Record.Info.LeadIndex("I")];
        var allI = new EcgRecord(Record.Info, Record.Samples.Select(_ => leadI.ToArray()).ToArray());
        var wrong = Score((_, _) => Returning(allI));
        Assert.Equal(double.PositiveInfinity, wrong.LeadSnrDb["I"]);
        Assert.True(wrong.LeadSnrDb["V2"] < 3, $"V2 {wrong.LeadSnrDb["V2"]} dB");

        var failed = Score((_, _) => throw new DigitizeException(DigitizeProblem.TooBlurred, "too blurred", "hold still"));
        Assert.Equal("TooBlurred", failed.Failure);
        Assert.All(failed.LeadSnrDb.Values, v => Assert.True(double.IsNaN(v)));

        var summary = LevelSummary.Of("clean", [wrong, failed], null);
        Assert.Equal(new Dictionary<string, int> { ["TooBlurred"] = 1 }, summary.Failures);
        Assert.Equal(ChallengeSnr.Mean(wrong.LeadSnrDb.Values), summary.MeanSnrDb);
    }

    [Fact]
    public void The_full_length_record_keeps_only_the_leads_printed_for_the_whole_ten_seconds()
    {
        var leads = PaperLayouts.Slots(PaperLayout.ThreeByFour).GroupBy(s => s.Lead)
            .Select(g => new DigitizedLead(g.Key, g.Min(s => s.StartSeconds), g.Max(s => s.DurationSeconds), 1)).ToArray();
        var full = DigitizationEvaluation.FullLength(Returning(Record) with { Leads = leads });
        Assert.Equal(["II"], full!.Info.Leads.Select(l => l.Name));
        Assert.Equal(Record.Samples[Record.Info.LeadIndex("II")], full.Samples[0]);
        var sixByTwo = PaperLayouts.Slots(PaperLayout.SixByTwo).Select(s => new DigitizedLead(s.Lead, s.StartSeconds, s.DurationSeconds, 1)).ToArray();
        Assert.Null(DigitizationEvaluation.FullLength(Returning(Record) with { Leads = sixByTwo }));
    }
}
