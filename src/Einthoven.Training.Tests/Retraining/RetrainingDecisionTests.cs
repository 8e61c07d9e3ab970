using System.Text.Json.Nodes;
using Einthoven.Evaluation.Beats;
using Einthoven.Models.Beats;
using Einthoven.TestSupport;
using Einthoven.Training.Retraining;

namespace Einthoven.Training.Tests.Retraining;

public class RetrainingDecisionTests
{
    [Fact]
    public void A_challenger_better_on_every_record_has_an_interval_above_zero_and_the_same_one_for_the_same_seed()
    {
        var champion = Enumerable.Range(0, 8).Select(i => Matrix(normal: 100 + i, ventricular: 20, ventricularFound: 10)).ToList();
        var challenger = Enumerable.Range(0, 8).Select(i => Matrix(normal: 100 + i, ventricular: 20, ventricularFound: 16 + i % 3)).ToList();
        var interval = PairedBootstrap.Difference(champion, challenger, HoldoutMetric.Of, 1000, seed: 5);
        Assert.True(interval.Low > 0, $"{interval}");
        Assert.Equal(interval, PairedBootstrap.Difference(champion, challenger, HoldoutMetric.Of, 1000, seed: 5));
        Assert.NotEqual(interval, PairedBootstrap.Difference(champion, challenger, HoldoutMetric.Of, 1000, seed: 6));
    }

    [Fact]
    public void A_gain_on_one_patient_out_of_ten_is_not_enough_to_promote_but_passes_a_zero_margin()
    {
        var champion = Enumerable.Range(0, 10).Select(_ => Matrix(normal: 100, ventricular: 20, ventricularFound: 10)).ToList();
        var challenger = champion.Select((m, i) => i == 0 ? Matrix(normal: 100, ventricular: 20, ventricularFound: 20) : m).ToList();
        var interval = PairedBootstrap.Difference(champion, challenger, HoldoutMetric.Of, 1000, seed: 1);
        var difference = HoldoutMetric.Of(BeatRetraining.Pool(challenger)) - HoldoutMetric.Of(BeatRetraining.Pool(champion));
        // A resample without patient 0 (p = 0.9^10 = 0.35) shows no gain: the interval starts at 0.
        Assert.Equal(0, interval.Low);
        Assert.True(difference > 0);
        Assert.False(difference > PromotionMargin.Ci95.Required(interval), $"difference {difference}, interval {interval}");
        Assert.True(difference > PromotionMargin.Parse("0").Required(interval));
    }

    [Fact]
    public void Identical_models_differ_by_nothing()
    {
        var matrices = Enumerable.Range(0, 5).Select(i => Matrix(normal: 50, ventricular: 5 + i, ventricularFound: 3)).ToList();
        Assert.Equal(new BootstrapInterval(0, 0), PairedBootstrap.Difference(matrices, matrices, HoldoutMetric.Of, 200, seed: 3));
    }

    [Fact]
    public void The_metric_is_the_mean_f1_of_n_s_and_v()
    {
        var m = Matrix(normal: 90, ventricular: 10, ventricularFound: 5);
        Assert.Equal((m.F1(AamiClass.N) + 0 + m.F1(AamiClass.V)) / 3, HoldoutMetric.Of(m), 12);
    }

    [Theory]
    [InlineData("ci", null)]
    [InlineData("CI95", null)]
    [InlineData("0.01", 0.01)]
    [InlineData("0", 0.0)]
    public void Margins_parse(string text, double? amount)
    {
        var margin = PromotionMargin.Parse(text);
        Assert.Equal(amount, margin.Fixed);
        Assert.Equal(amount is null ? "ci95" : text, margin.Name);
        Assert.Equal(amount ?? 0.05, margin.Required(new BootstrapInterval(-0.02, 0.08)), 12);
    }

    [Theory]
    [InlineData("ci90")]
    [InlineData("-0.1")]
    [InlineData("1")]
    [InlineData("NaN")]
    public void Bad_margins_are_refused(string text) => Assert.Throws<ArgumentException>(() => PromotionMargin.Parse(text));

    [Fact]
    public void A_holdout_record_that_is_also_trained_on_or_an_output_over_the_champion_is_refused_before_anything_is_read()
    {
        var options = new BeatRetrainingOptions
        {
            StandardDatabase = TestData.MitDb, VerifiedDataset = "/nonexistent", ChampionCard = "/nonexistent", OutputDirectory = TestData.TempDir(),
            StandardRecords = ["101", "106"], HoldoutRecords = ["100", "106"],
        };
        var e = Assert.Throws<ArgumentException>(() => BeatRetraining.Run(options));
        Assert.Contains("106", e.Message);
        Assert.Throws<ArgumentException>(() => BeatRetraining.Run(options with { HoldoutRecords = ["100", "100"] }));
        var champion = Path.Combine(TestData.TempDir(), "beats.card.json");
        var e2 = Assert.Throws<ArgumentException>(() => BeatRetraining.Run(options with { HoldoutRecords = ["100"], ChampionCard = champion, OutputDirectory = Path.GetDirectoryName(champion)! }));
        Assert.Contains("over the champion", e2.Message);
    }

    [Fact]
    public void The_report_json_has_the_fields_of_the_contract()
    {
        var report = new RetrainingReport
        {
            Dataset = new string('a', 64), Margin = "ci95", Holdout = new HoldoutSummary(["100", "v3"], 12345),
            Champion = new ModelScore("c", 0.81, new Dictionary<string, double> { ["N"] = 0.99, ["S"] = 0.5, ["V"] = 0.9 }, "/champion/beats.card.json"),
            Challenger = new ModelScore("d", 0.84, new Dictionary<string, double> { ["N"] = 0.99, ["S"] = 0.6, ["V"] = 0.93 }, "/out/beats.card.json"),
            Difference = 0.03, Ci95 = [0.01, 0.05], Required = 0.02, Promote = true, Reason = "difference 0.030 > CI half-width 0.020",
            TrainingSeconds = 12.3, StandardBeats = 5000, VerifiedBeats = 2000, StandardRecords = ["101"], VerifiedRecords = ["v1"], Bootstrap = 1000, Seed = 2004, ElapsedSeconds = 20,
        };
        var json = JsonNode.Parse(report.ToJson())!;
        Assert.Equal("mean_f1_nsv", (string?)json["metric"]);
        Assert.Equal("ci95", (string?)json["margin"]);
        Assert.Equal(12345, (long?)json["holdout"]!["beats"]);
        Assert.Equal("v3", (string?)json["holdout"]!["records"]![1]);
        Assert.Equal("c", (string?)json["champion"]!["weights_sha256"]);
        Assert.Equal(0.5, (double?)json["champion"]!["f1"]!["S"]);
        Assert.Equal("/out/beats.card.json", (string?)json["challenger"]!["card"]);
        Assert.Equal(0.05, (double?)json["ci95"]![1]);
        Assert.Equal(0.02, (double?)json["required"]);
        Assert.True((bool?)json["promote"]);
        Assert.Equal("difference 0.030 > CI half-width 0.020", (string?)json["reason"]);
        Assert.Equal(12.3, (double?)json["training_seconds"]);
        Assert.Equal(5000, (long?)json["standard_beats"]);
        Assert.Equal(2000, (long?)json["verified_beats"]);
        Assert.Equal(report.ToJson(), RetrainingReport.Parse(report.ToJson()).ToJson());
    }

    // N beats all found, V beats partly found (the rest called N).
    private static ConfusionMatrix Matrix(int normal, int ventricular, int ventricularFound)
    {
        var m = new ConfusionMatrix();
        m.Add(AamiClass.N, AamiClass.N, normal);
        m.Add(AamiClass.V, AamiClass.V, ventricularFound);
        m.Add(AamiClass.V, AamiClass.N, ventricular - ventricularFound);
        return m;
    }
}
