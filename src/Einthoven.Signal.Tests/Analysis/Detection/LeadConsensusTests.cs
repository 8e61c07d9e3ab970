using Einthoven.Signal.Records;
using Einthoven.Signal.Analysis;
using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Formats;
using FsCheck;
using FsCheck.Xunit;

namespace Einthoven.Signal.Tests.Analysis.Detection;

public class LeadConsensusTests
{
    private const double Fs = 100;

    [Fact]
    public void A_T_wave_seen_by_one_lead_is_dropped_and_the_beats_all_leads_see_are_kept()
    {
        long[] beats = [100, 200, 300];
        var perLead = Enumerable.Range(0, 5).Select(_ => (long[])beats.Clone()).ToArray();
        perLead[1] = [100, 135, 200, 235, 300];
        Assert.Equal(beats, LeadConsensus.Agree(perLead, referenceLead: 1, Fs));
    }

    [Fact]
    public void A_beat_takes_the_reference_leads_position_or_else_the_median_of_the_leads_that_saw_it()
    {
        long[][] perLead = [[100, 205], [102, 203], [104, 201], [106, 210], []];
        Assert.Equal([104, 201], LeadConsensus.Agree(perLead, referenceLead: 2, Fs));
        Assert.Equal([102, 203], LeadConsensus.Agree(perLead, referenceLead: 1, Fs));
        perLead[2] = [104];
        Assert.Equal(205, LeadConsensus.Agree(perLead, referenceLead: 2, Fs)[1]);
    }

    [Fact]
    public void A_beat_needs_more_than_half_of_the_leads_that_detected_anything()
    {
        // Six leads, two of them flat: four vote, so a beat needs three.
        long[][] perLead = [[100, 400], [100, 400], [100], [250], [], []];
        Assert.Equal([100], LeadConsensus.Agree(perLead, referenceLead: 0, Fs));
    }

    [Fact]
    public void Fewer_than_three_voting_leads_get_the_reference_leads_detections()
    {
        long[][] perLead = [[100, 135, 200], [100, 200], [], []];
        Assert.Equal([100, 135, 200], LeadConsensus.Agree(perLead, referenceLead: 0, Fs));
        Assert.Throws<ArgumentOutOfRangeException>(() => LeadConsensus.Agree(perLead, referenceLead: 4, Fs));
    }

    [Property(MaxTest = 300)]
    public void Agreed_beats_ascend_and_each_is_seen_by_a_majority_of_the_leads(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        var leads = random.Next(3, 13);
        var perLead = Enumerable.Range(0, leads)
            .Select(_ => Enumerable.Range(0, random.Next(0, 30)).Select(_ => (long)random.Next(0, 3000)).Distinct().Order().ToArray()).ToArray();
        var agreed = LeadConsensus.Agree(perLead, random.Next(leads), Fs);
        var voters = perLead.Count(l => l.Length > 0);
        var tolerance = (long)(LeadConsensus.Tolerance * Fs);
        Assert.True(agreed.Zip(agreed.Skip(1)).All(p => p.First < p.Second), $"not ascending: {string.Join(",", agreed)}");
        if (voters >= 3)
            Assert.All(agreed, b => Assert.True(perLead.Count(l => l.Any(s => Math.Abs(s - b) <= tolerance)) > voters / 2, $"beat {b} lacks a majority"));
    }

    [Fact]
    public void On_a_real_12_lead_ECG_whose_lead_II_takes_T_waves_for_beats_the_leads_agree_on_the_true_rate()
    {
        // PTB-XL 68, a normal ECG at about 70 bpm: lead II has a small QRS and a tall T wave.
        var record = RecordFiles.Read(Path.Combine(Einthoven.TestSupport.TestData.PtbXl, "records100", "00000", "00068_lr"));
        var leadII = record.Info.LeadIIIndex();
        Assert.Equal(20, QrsDetector.Detect(record, leadII).Length);
        var agreed = LeadConsensus.Detect(record, leadII);
        Assert.InRange(agreed.Length, 12, 13);
        var report = RecordAnalyzer.Analyze(record);
        Assert.InRange(report.DetectedBeats, 12, 13);
        Assert.InRange(report.HeartRate!.MeanBpm, 65, 80);
    }

    [Fact]
    public void A_record_showing_each_lead_for_only_part_of_the_time_still_agrees_on_its_beats()
    {
        // PTB-XL 68 masked as a 3x4 paper ECG reads back: each lead 0 outside its 2.5 s column, lead II whole.
        var record = RecordFiles.Read(Path.Combine(Einthoven.TestSupport.TestData.PtbXl, "records100", "00000", "00068_lr"));
        var paper = PaperLayoutMask.ThreeByFour(record);
        var leadII = record.Info.LeadIIIndex();
        var whole = LeadConsensus.Detect(record, leadII);
        var agreed = LeadConsensus.Detect(paper, leadII);
        // Two T waves pass at a column change (a lead's detector is oversensitive just after its stretch of zeros); the
        // whole record's twelve beats are all found.
        Assert.True(whole.All(b => agreed.Any(a => Math.Abs(a - b) <= 2)), $"{string.Join(",", whole)} vs {string.Join(",", agreed)}");
        Assert.InRange(agreed.Length, whole.Length, whole.Length + 2);
        // Without the rule a lead votes everywhere, and no beat finds a majority of twelve.
        var perLead = Enumerable.Range(0, 12).Select(l => QrsDetector.Detect(paper, l)).ToArray();
        Assert.True(LeadConsensus.Agree(perLead, leadII, record.Info.SamplingFrequency).Length < whole.Length / 2);
    }
}
