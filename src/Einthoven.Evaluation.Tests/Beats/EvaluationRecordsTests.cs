using Einthoven.Evaluation.Beats;
using Einthoven.Evaluation.Databases;
using Einthoven.Models.Analysis;
using Einthoven.Models.Beats;
using Einthoven.Signal.Analysis.Filters;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Wfdb;
using Einthoven.Signal.Records;
using Einthoven.TestSupport;

namespace Einthoven.Evaluation.Tests.Beats;

public class EvaluationRecordsTests
{
    [Fact]
    public void On_MIT_BIH_the_records_are_DS2_and_every_unpaced_record_is_flagged_as_seen_in_training()
    {
        var auto = EvaluationRecords.Choose(TestData.MitDb);
        Assert.True(auto.IsDs2);
        Assert.Equal(DeChazalSplit.Ds2, auto.Records);
        Assert.Equal("DS2", auto.Title);
        Assert.Equal(DeChazalSplit.Ds2, auto.SeenInTraining);

        var named = EvaluationRecords.Choose(TestData.MitDb, "101, 100");
        Assert.False(named.IsDs2);
        Assert.Equal(["101", "100"], named.Records);
        Assert.Equal(["101", "100"], named.SeenInTraining);
    }

    [Fact]
    public void Another_database_is_scored_whole_except_paced_and_unannotated_records()
    {
        var dir = TestData.LinkedMitDbRecords("101", "102", "106");
        File.WriteAllText(Path.Combine(dir, "109.hea"), File.ReadAllText(TestData.MitDbRecord("109") + ".hea"));

        var chosen = EvaluationRecords.Choose(dir);

        Assert.False(chosen.IsDs2);
        Assert.Equal(["101", "106"], chosen.Records);
        Assert.Equal(["102"], chosen.Paced);
        Assert.Equal(["109"], chosen.Unannotated);
        Assert.Empty(chosen.SeenInTraining);
        Assert.StartsWith("2 records of ", chosen.Title);
    }

    [Fact]
    public void A_RECORDS_file_gives_the_order_and_wrong_selections_name_what_is_missing()
    {
        var dir = TestData.LinkedMitDbRecords("101", "106");
        File.WriteAllLines(Path.Combine(dir, "RECORDS"), ["106", "101"]);
        Assert.Equal(["106", "101"], EvaluationRecords.Choose(dir).Records);

        var unknown = Assert.Throws<FileNotFoundException>(() => EvaluationRecords.Choose(dir, "101,999"));
        Assert.Contains("999", unknown.Message);
        var notMitBih = Assert.Throws<FileNotFoundException>(() => EvaluationRecords.Choose(dir, EvaluationRecords.Ds2));
        Assert.Contains("100", notMitBih.Message);
        Assert.Throws<FileNotFoundException>(() => EvaluationRecords.Choose(TestData.TempDir()));
        Assert.Throws<DirectoryNotFoundException>(() => EvaluationRecords.Choose(Path.Combine(TestData.TempDir(), "none")));
    }

    [Fact]
    public void A_database_sampled_at_128_Hz_like_SVDB_is_detected_classified_and_matched()
    {
        // Five minutes of DS1 record 106 (N and V beats) resampled to SVDB's rate, annotations moved with it. The
        // model learned from this record, so this checks the plumbing at another rate, not generalisation.
        var dir = TestData.TempDir();
        var source = RecordFiles.Read(TestData.MitDbRecord("106"));
        WriteResampled(source, 300, 128, Path.Combine(dir, "svdb106"));

        var chosen = EvaluationRecords.Choose(dir);
        var result = BeatEvaluation.Evaluate(r => ModelAnalyzer.Shipped.ClassifyBeats(r).Beats, dir, chosen.Records);

        var m = result.Total;
        Assert.Equal(["svdb106"], chosen.Records);
        Assert.InRange(m.Row(AamiClass.N) + m.Missed(AamiClass.N), 200, 600);
        Assert.InRange(m.Row(AamiClass.V) + m.Missed(AamiClass.V), 50, 300);
        Assert.True(m.Sensitivity(AamiClass.N) > 0.95, $"N Se {m.Sensitivity(AamiClass.N):P1}");
        Assert.True(m.Sensitivity(AamiClass.V) > 0.90, $"V Se {m.Sensitivity(AamiClass.V):P1}");
    }

    private static void WriteResampled(EcgRecord source, double seconds, double fs, string path)
    {
        var from = source.Info.SamplingFrequency;
        var length = (int)(seconds * from);
        var samples = source.Info.Leads.Select((lead, l) =>
            Resampler.Resample(source.Physical(l).AsSpan(0, length), from, fs).Select(lead.ToDigital).ToArray()).ToArray();
        var info = source.Info with { Name = Path.GetFileName(path), SamplingFrequency = fs, SampleCount = samples[0].Length };
        WfdbRecordWriter.Write(new EcgRecord(info, samples), path);
        var annotations = source.Annotations[MitBihBeats.Annotator].Where(a => a.Sample < length)
            .Select(a => a with { Sample = (long)Math.Round(a.Sample * fs / from) });
        WfdbAnnotationWriter.Write(path + "." + MitBihBeats.Annotator, annotations);
    }
}
