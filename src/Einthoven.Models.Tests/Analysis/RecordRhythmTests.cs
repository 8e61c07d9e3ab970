using Einthoven.Models.Analysis;
using Einthoven.Models.Rhythm;
using Einthoven.Signal.Analysis;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Einthoven.TestSupport;
using FsCheck;
using FsCheck.Fluent;
using TestData = Einthoven.TestSupport.TestData;

namespace Einthoven.Models.Tests.Analysis;

public class RecordRhythmTests
{
    private static readonly Lazy<RecordRhythm> Rhythm = new(() => new RecordRhythm(RhythmClassifier.LoadShipped(), new ModelVersion("einthoven-rhythm", "test")));

    [Theory]
    [InlineData("100", "N")]
    [InlineData("203", "A")]
    [InlineData("202", "A")] // mostly sinus, with minutes of AF: sustained AF makes the verdict
    public void Af_burden_of_a_half_hour_mit_bih_record_follows_its_reference_rhythm(string name, string label)
    {
        var record = RecordFiles.Read(TestData.MitDbRecord(name));
        var verdict = Rhythm.Value.Classify(record, record.Info.LeadIndex("MLII"));
        Assert.Equal("MLII", verdict.Lead);
        Assert.Equal(60, verdict.Windows.Count);
        Assert.All(verdict.Windows.SkipLast(1), w => Assert.Equal(30, w.EndSeconds - w.StartSeconds, 6));
        Assert.Equal(record.Info.Duration.TotalSeconds, verdict.Windows[^1].EndSeconds, 2); // 35.6 s: the 5.6 s rest joins it
        var reference = ReferenceAfFraction(record);
        Assert.InRange(verdict.AfBurden!.Value, reference - 0.25, reference + 0.25);
        Assert.Equal(label, verdict.Label);
    }

    [Theory]
    [InlineData("00130")]
    [InlineData("00153")]
    public void A_resting_12_lead_sinus_ecg_is_read_on_every_lead(string ecgId)
    {
        // PTB-XL sinus-rhythm ECGs that lead II alone calls "other rhythm".
        var record = RecordFiles.Read(Path.Combine(TestData.PtbXl, "records100", "00000", ecgId + "_lr.hea"));
        var lead = record.Info.LeadIIIndex();
        Assert.Equal("O", Rhythm.Value.Classify(new EcgRecord(record.Info with { Leads = [record.Info.Leads[lead]] }, [record.Samples[lead]])).Label);
        var verdict = Rhythm.Value.Classify(record);
        Assert.Equal(string.Join(", ", record.Info.Leads.Select(l => l.Name)), verdict.Lead);
        Assert.Equal("N", verdict.Label);
    }

    [Fact]
    public void Only_resting_ecgs_of_three_or_more_leads_are_read_on_every_lead()
    {
        var twelve = RecordFiles.Read(Path.Combine(TestData.PtbXl, "records100", "00000", "00130_lr.hea")).Info;
        Assert.Equal(Enumerable.Range(0, 12), RecordRhythm.LeadsRead(twelve, 1));
        Assert.Equal([1], RecordRhythm.LeadsRead(twelve with { Leads = twelve.Leads.Take(2).ToArray() }, 1));
        Assert.Equal([1], RecordRhythm.LeadsRead(twelve with { SampleCount = (long)(61 * twelve.SamplingFrequency) }, 1));
    }

    [Fact]
    public void Window_bounds_cover_the_record_in_windows_the_model_was_trained_on()
    {
        Prop.ForAll(Gen.Choose((int)(RecordRhythm.MinimumSeconds * RecordRhythm.ModelRate), 24 * 3600 * 300).ToArbitrary(), length =>
        {
            var bounds = RecordRhythm.WindowBounds(length);
            var whole = length <= RecordRhythm.WholeRecordSeconds * RecordRhythm.ModelRate;
            return bounds[0].Start == 0 && bounds[^1].End == length
                && bounds.Zip(bounds.Skip(1)).All(p => p.First.End == p.Second.Start)
                && (whole ? bounds.Count == 1
                    : bounds.All(b => b.End - b.Start >= RecordRhythm.MinimumSeconds * 300 && b.End - b.Start < 39 * 300));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void The_rhythm_lead_is_a_limb_lead_when_there_is_one_else_the_best_quality_lead()
    {
        static RecordInfo Info(params string[] leads) => new() { Name = "r", SamplingFrequency = 300, SampleCount = 3000, Leads = leads.Select(l => new LeadInfo { Name = l }).ToArray() };
        Assert.Equal(1, RecordRhythm.ChooseLead(Info("I", "II", "V1"), "V1"));
        Assert.Equal(0, RecordRhythm.ChooseLead(Info("MLII", "V5"), "V5"));
        Assert.Equal(1, RecordRhythm.ChooseLead(Info("V1", "V5"), "V5"));
        Assert.Equal(0, RecordRhythm.ChooseLead(Info("ECG"), "ECG"));
    }

    [Fact]
    public void A_limb_lead_is_the_rhythm_lead_whatever_the_quality_assessment_says_so_the_rhythm_need_not_wait_for_it()
    {
        static RecordInfo Info(params string[] leads) => new() { Name = "r", SamplingFrequency = 300, SampleCount = 3000, Leads = leads.Select(l => new LeadInfo { Name = l }).ToArray() };
        Assert.Equal(1, RecordRhythm.LimbLead(Info("I", "II", "V1")));
        Assert.Equal(0, RecordRhythm.LimbLead(Info("MLII", "V5")));
        Assert.Equal(1, RecordRhythm.LimbLead(Info("V1", "I")));
        Assert.Equal(-1, RecordRhythm.LimbLead(Info("V5", "V2")));
        foreach (var leads in new[] { new[] { "I", "II", "V1" }, ["V1", "I"], ["MLII", "V5"] })
            foreach (var quality in leads.Append("").Append("unknown"))
                Assert.Equal(RecordRhythm.LimbLead(Info(leads)), RecordRhythm.ChooseLead(Info(leads), quality));
        Assert.Equal(1, RecordRhythm.ChooseLead(Info("V5", "V2"), "V2")); // no limb lead: the quality assessment decides
    }

    /// <summary>Fraction of the record inside "(AFIB" rhythm episodes of the .atr reference.</summary>
    private static double ReferenceAfFraction(EcgRecord record)
    {
        var rhythm = record.Annotations["atr"].Where(a => a.Code == AnnotationCodes.Rhythm).ToArray();
        var af = 0L;
        for (var i = 0; i < rhythm.Length; i++)
            if (rhythm[i].AuxText == "(AFIB") af += (i + 1 < rhythm.Length ? rhythm[i + 1].Sample : record.Info.SampleCount) - rhythm[i].Sample;
        return af / (double)record.Info.SampleCount;
    }
}
