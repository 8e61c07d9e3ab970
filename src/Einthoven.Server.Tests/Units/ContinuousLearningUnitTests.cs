using System.CommandLine;
using Einthoven.Cli.Commands;
using Einthoven.Models.Beats;
using Einthoven.Models.Verified;
using Einthoven.Server.ContinuousLearning;
using Einthoven.Signal.Records;
using Einthoven.Training.Retraining;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;

namespace Einthoven.Server.Tests.Units;

public sealed class ContinuousLearningUnitTests
{
    private static Annotation Beat(long sample, AamiClass label) => new(sample, AamiMapping.Code(label));

    [Fact]
    public void Cardiologists_agree_on_beats_within_150_ms_with_the_same_class_and_the_rest_is_counted()
    {
        Guid a = Guid.Parse("00000000-0000-0000-0000-000000000001"), b = Guid.Parse("00000000-0000-0000-0000-000000000002");
        var first = new[] { Beat(100, AamiClass.N), Beat(400, AamiClass.V), Beat(700, AamiClass.N), Beat(1000, AamiClass.N) };
        // b: 400 labelled S (class differs), 700 moved by 40 samples (111 ms at 360 Hz: agrees), 1000 missing, an extra beat at 1300.
        var second = new[] { Beat(104, AamiClass.N), Beat(400, AamiClass.S), Beat(740, AamiClass.N), Beat(1300, AamiClass.N) };
        var (beats, disagreements) = BeatConsensus.Agree([(b, second), (a, first)], 360);
        Assert.Equal([new VerifiedBeat(100, AamiClass.N), new VerifiedBeat(700, AamiClass.N)], beats); // the positions of the lower id's set
        Assert.Equal(3, disagreements); // 400 (class), 1000 (missing in b), 1300 (missing in a)
        Assert.Equal((first.Length, 0), (BeatConsensus.Agree([(a, first)], 360).Beats.Count, BeatConsensus.Agree([(a, first)], 360).Disagreements));
    }

    [Fact]
    public void The_dataset_id_depends_on_every_label_and_on_nothing_else()
    {
        DatasetInput Recording(AamiClass label, Guid? verifier = null) => new(Guid.Parse("10000000-0000-0000-0000-000000000000"), Guid.Empty, "abc",
            [new PhysicianSet(verifier ?? Guid.Parse("20000000-0000-0000-0000-000000000000"), [Beat(10, AamiClass.N), Beat(300, label)])],
            [new VerifiedBeat(10, AamiClass.N)], "r1", "p1", false, [], 0);
        var id = DatasetIdentity.Id("mitdb DS1: 101", [Recording(AamiClass.V)]);
        Assert.Equal(id, DatasetIdentity.Id("mitdb DS1: 101", [Recording(AamiClass.V)]));
        Assert.NotEqual(id, DatasetIdentity.Id("mitdb DS1: 101", [Recording(AamiClass.S)]));
        Assert.NotEqual(id, DatasetIdentity.Id("mitdb DS1: 101 106", [Recording(AamiClass.V)]));
        Assert.NotEqual(id, DatasetIdentity.Id("mitdb DS1: 101", [Recording(AamiClass.V, Guid.NewGuid())]));
        Assert.NotEqual(id, DatasetIdentity.Id("mitdb DS1: 101", [Recording(AamiClass.V) with { ContentSha256 = "abd" }]));
    }

    [Fact]
    public void The_holdout_is_patient_wise_fixed_and_near_its_fraction()
    {
        var folder = Einthoven.TestSupport.TestData.TempDir();
        var provider = DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(folder, "ring")));
        var key = new PseudonymKey(Path.Combine(folder, "research-key.json"), provider);
        var again = new PseudonymKey(Path.Combine(folder, "research-key.json"), provider);
        var patients = Enumerable.Range(0, 2000).Select(i => new Guid(i, 7, 7, [1, 2, 3, 4, 5, 6, 7, 8])).ToList();
        var held = patients.Count(p => key.InHoldout(p, 0.2));
        Assert.InRange(held, 330, 470);
        Assert.All(patients, p => Assert.Equal(key.InHoldout(p, 0.2), again.InHoldout(p, 0.2)));
        Assert.All(patients, p => Assert.Equal(key.Group(p), again.Group(p)));
        Assert.DoesNotContain(patients, p => key.InHoldout(p, 0));
        Assert.All(patients, p => Assert.True(key.InHoldout(p, 1)));
        Assert.Matches("^p[0-9a-f]{10}$", key.Group(patients[0]));
        Assert.Matches("^r[0-9a-f]{12}$", key.RecordName(patients[0]));
    }

    [Theory]
    [InlineData("47", "40-49")]
    [InlineData("0", "0-9")]
    [InlineData("89", "80-89")]
    [InlineData("93", "90+")]
    [InlineData("47 years", null)]
    [InlineData(null, null)]
    public void Ages_are_banded(string? age, string? band) => Assert.Equal(band, Deidentification.AgeBand(age));

    [Fact]
    public void A_header_keeps_calibration_standard_leads_band_and_sex_only()
    {
        var info = new RecordInfo
        {
            Name = "jane-doe", SamplingFrequency = 360, SampleCount = 10, StartDate = new DateOnly(2026, 1, 2), StartTime = new TimeOnly(3, 4, 5),
            Leads = [new LeadInfo { Name = "MLII", Gain = 200 }, new LeadInfo { Name = "Jane's chest", Unit = "Doe" }],
            Comments = ["Jane Doe, ward 3"], Metadata = new Dictionary<string, string> { ["age"] = "61", ["sex"] = "F", ["patient_id"] = "123", ["site"] = "ward 3" },
        };
        var scrubbed = Deidentification.Scrub(info, "r0123456789ab");
        Assert.Equal(("r0123456789ab", null, null), (scrubbed.Name, scrubbed.StartDate, scrubbed.StartTime));
        Assert.Equal(["MLII", "ECG2"], scrubbed.Leads.Select(l => l.Name));
        Assert.Equal(["mV", "?"], scrubbed.Leads.Select(l => l.Unit));
        Assert.Empty(scrubbed.Comments);
        Assert.Equal(new Dictionary<string, string> { ["age"] = "60-69", ["sex"] = "F" }, scrubbed.Metadata);
    }

    [Fact]
    public void The_server_promotes_only_when_the_report_is_about_the_champion_and_the_difference_exceeds_its_own_margin()
    {
        TrainingReport Report(double champion, double challenger, double lo, double hi, double required, bool promote, string sha = "aa") => new(
            "d", "mean_f1_nsv", "ci", 2, 100, sha, champion, new Dictionary<string, double>(), "bb", challenger, new Dictionary<string, double>(), null,
            challenger - champion, lo, hi, required, promote, "", 0, 0, 0);
        Assert.True(PromotionRule.Decide(Report(0.7, 0.8, 0.06, 0.14, 0.04, true), "AA", "ci").Promote);
        Assert.False(PromotionRule.Decide(Report(0.7, 0.8, 0.06, 0.14, 0.04, false), "aa", "ci").Promote); // the trainer said no
        Assert.False(PromotionRule.Decide(Report(0.7, 0.8, 0.06, 0.14, 0.04, true, sha: "cc"), "aa", "ci").Promote); // another champion
        Assert.False(PromotionRule.Decide(Report(0.7, 0.72, -0.02, 0.06, 0.001, true), "aa", "ci").Promote); // 0.02 is not above the half-width 0.04
        Assert.False(PromotionRule.Decide(Report(0.7, 0.72, 0.01, 0.03, 0.001, true), "aa", "0.05").Promote); // nor above a fixed margin
        Assert.True(PromotionRule.Decide(Report(0.7, 0.72, 0.01, 0.03, 0.001, true), "aa", "0.01").Promote);
        Assert.False(PromotionRule.Decide(Report(0.7, 0.8, 0.06, 0.14, 0.04, true) with { Metric = "accuracy" }, "aa", "ci").Promote);
    }

    [Fact]
    public void Configured_records_replace_the_default_lists()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["StandardRecords:0"] = "112", ["StandardRecords:1"] = "115", ["HoldoutRecords:0"] = "100",
        }).Build();
        var configured = configuration.Get<RetrainingOptions>()!;
        Assert.Equal(["112", "115"], configured.Standard);
        Assert.Equal(["100"], configured.Holdout);
        var defaults = new ConfigurationBuilder().Build().Get<RetrainingOptions>() ?? new RetrainingOptions();
        Assert.Equal(RetrainingOptions.Ds1, defaults.Standard);
        Assert.Equal(RetrainingOptions.DefaultHoldout, defaults.Holdout);
    }

    [Fact]
    public void The_trainer_takes_the_servers_command_line_and_the_server_reads_every_figure_of_the_trainers_report()
    {
        var root = new RootCommand("einthoven");
        foreach (var command in CommandList.All()) root.Subcommands.Add(command);
        foreach (var options in new[] { new RetrainingOptions(), new RetrainingOptions { HoldoutRecords = [], Epochs = 2, Ensemble = 1, Seed = 4, Margin = "0.02" } })
        {
            var args = RetrainingRunner.Arguments(options, "/data/mitdb", "/data/datasets/abc", "/data/models/beats/abc/beats.card.json", "/data/retraining/run");
            var parsed = root.Parse(args);
            Assert.True(parsed.Errors.Count == 0, string.Join("; ", parsed.Errors.Select(e => e.Message)));
            Assert.Equal(("beats", "train"), (parsed.CommandResult.Command.Name, (parsed.CommandResult.Parent as System.CommandLine.Parsing.CommandResult)?.Command.Name));
        }

        var report = new RetrainingReport
        {
            Dataset = new string('d', 64), Margin = "ci95", Holdout = new HoldoutSummary(["100", "103", "v1"], 23456),
            Champion = new ModelScore("aa", 0.504, new Dictionary<string, double> { ["N"] = 0.98, ["S"] = 0, ["V"] = 0.53 }, "/champion/beats.card.json"),
            Challenger = new ModelScore("bb", 0.666, new Dictionary<string, double> { ["N"] = 0.99, ["S"] = 0.12, ["V"] = 0.89 }, "/run/beats.card.json"),
            Difference = 0.162, Ci95 = [0.098, 0.246], Required = 0.074, Promote = true, Reason = "difference 0.162 > CI half-width 0.074",
            TrainingSeconds = 12.5, StandardBeats = 6000, VerifiedBeats = 12363, StandardRecords = ["112"], VerifiedRecords = ["v1"], Bootstrap = 1000, Seed = 4,
            ElapsedSeconds = 28,
        };
        var read = TrainingReport.Parse(report.ToJson());
        Assert.Equal((report.Dataset, RetrainingOptions.Metric, "ci95", 3, 23456), (read.Dataset, read.Metric, read.Margin, read.HoldoutRecords, read.HoldoutBeats));
        Assert.Equal(("aa", 0.504, "bb", 0.666, "beats.card.json"), (read.ChampionSha256, read.ChampionValue, read.ChallengerSha256, read.ChallengerValue, Path.GetFileName(read.ChallengerCard)));
        Assert.Equal(report.Champion.F1, read.ChampionF1);
        Assert.Equal(report.Challenger.F1, read.ChallengerF1);
        Assert.Equal((0.162, 0.098, 0.246, 0.074, true, report.Reason), (read.Difference, read.Ci95Low, read.Ci95High, read.Required, read.Promote, read.Reason));
        Assert.Equal((12.5, 6000, 12363), (read.TrainingSeconds, read.StandardBeats, read.VerifiedBeats));
    }
}
