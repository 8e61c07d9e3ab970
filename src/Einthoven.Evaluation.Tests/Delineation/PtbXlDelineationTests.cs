using Einthoven.Evaluation.Databases;
using Einthoven.Evaluation.Delineation;
using Einthoven.TestSupport;

namespace Einthoven.Evaluation.Tests.Delineation;

/// <summary>
/// Global measurements agree with the cardiologists' statements on a PTB-XL subset (the full run is
/// <c>einthoven eval delineation</c>; its figures are in docs/BENCHMARKS.md).
/// </summary>
public class PtbXlDelineationTests
{
    private static readonly Lazy<IReadOnlyList<Agreement>> Subset = new(() =>
    {
        var all = PtbXlIndex.Load(TestData.PtbXl);
        var bbb = all.Where(e => e.Has("CLBBB", 50) || e.Has("CRBBB", 50)).Take(30);
        var norm = all.Where(e => e.Has("NORM", 50)).Take(80);
        var lafb = all.Where(e => e.Has("LAFB", 50)).Take(25);
        var longQt = all.Where(e => e.Has("LNGQT", 50));
        return DelineationEvaluation.Run(bbb.Concat(norm).Concat(lafb).Concat(longQt).Distinct().ToArray());
    });

    private static Agreement Check(string group, string criterion) =>
        Subset.Value.Single(a => a.Group == group && a.Criterion.StartsWith(criterion, StringComparison.Ordinal));

    [Theory]
    [InlineData("CLBBB or CRBBB", "QRS >= 120", 30, 90)]
    [InlineData("NORM", "QRS < 120", 80, 92)]
    [InlineData("NORM", "QTc (Bazett) < 450", 80, 90)]
    [InlineData("NORM", "QRS axis -30", 80, 90)]
    [InlineData("LAFB", "QRS axis < -30", 25, 85)]
    [InlineData("LNGQT", "QTc (Bazett) >= 450", 5, 80)]
    public void Measurements_agree_with_the_statements(string group, string criterion, int atLeastRecords, double minPercent)
    {
        var a = Check(group, criterion);
        Assert.True(a.Records >= atLeastRecords, $"{a.Records} records");
        Assert.True(a.Unmeasured <= a.Records / 10, $"{a.Unmeasured} of {a.Records} unmeasured");
        Assert.True(a.Percent >= minPercent, $"{group} {criterion}: {a.Percent:0.0} %");
    }

    [Fact]
    public void Index_keeps_only_folds_one_to_nine_with_waveforms()
    {
        var all = PtbXlIndex.Load(TestData.PtbXl);
        Assert.Equal(1732, all.Count);
        Assert.All(all, e => Assert.InRange(e.StratFold, 1, 9));
        Assert.Equal(12, all.Count(e => e.Pacemaker));
    }

    [Fact]
    public void Malformed_scp_codes_name_the_file_line_and_field()
    {
        var e = Assert.Throws<Einthoven.Signal.Records.SignalFormatException>(() => PtbXlIndex.ParseScp("{'NORM': abc}", "db.csv", 7));
        Assert.Equal("db.csv", e.File);
        Assert.Contains("line 7", e.Field);
        Assert.Equal(new Dictionary<string, double> { ["NORM"] = 100, ["SR"] = 0 }, PtbXlIndex.ParseScp("{'NORM': 100.0, 'SR': 0.0}", "f", 1));
        Assert.Equal(["a", "b,c", "d\"e"], PtbXlIndex.SplitCsv("a,\"b,c\",\"d\"\"e\""));
    }

    [Fact]
    public void A_folder_without_the_database_is_reported()
    {
        var dir = TestData.TempDir();
        Assert.Throws<FileNotFoundException>(() => PtbXlIndex.Load(dir));
        File.WriteAllText(Path.Combine(dir, "ptbxl_database.csv"), "ecg_id,scp_codes,strat_fold\n1,{},1\n");
        var e = Assert.Throws<Einthoven.Signal.Records.SignalFormatException>(() => PtbXlIndex.Load(dir));
        Assert.Equal("pacemaker", e.Field);
    }
}
