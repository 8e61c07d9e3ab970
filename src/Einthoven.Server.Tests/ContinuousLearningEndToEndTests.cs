using System.Net;
using System.Text.Json;
using Einthoven.Models.Beats;
using Einthoven.Server.Accounts;
using Einthoven.Server.Tests.Hosting;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;

namespace Einthoven.Server.Tests;

/// <summary>
/// The whole loop of issue 25 with the real trainer: physician labels taken from the MIT-BIH reference of some DS2
/// records are entered as verifications, the scheduled job runs, the challenger is evaluated against the champion on a
/// patient-wise holdout of other records and promoted only if it wins, and the analysis then serves it; a second run
/// with shuffled labels gives a challenger that is rejected.
/// WAITING: it needs the verification API (branch h-verify) and <c>einthoven train beats --with-verified</c> (branch
/// h-train). Until both are merged it is skipped with that reason, never passed. When they land: replace
/// <see cref="EnterVerificationAsync"/>'s body by calls of the verification API, drop the Skip, and set
/// <see cref="Tiny"/> to the configuration the trainer's engineer found robust.
/// </summary>
public sealed class ContinuousLearningEndToEndTests
{
    private const string Waiting = "waiting for the verification API (h-verify) and `einthoven train beats --with-verified` (h-train) to be merged";

    /// <summary>The one place of the loop's configuration: a tiny standard set, one member, few epochs.</summary>
    private static readonly Dictionary<string, string?> Tiny = new()
    {
        ["Einthoven:Retraining:StandardRecords:0"] = "101",
        ["Einthoven:Retraining:StandardRecords:1"] = "106",
        ["Einthoven:Retraining:StandardRecords:2"] = "119",
        ["Einthoven:Retraining:HoldoutRecords:0"] = "200",
        ["Einthoven:Retraining:HoldoutRecords:1"] = "210",
        ["Einthoven:Retraining:HoldoutRecords:2"] = "232",
        ["Einthoven:Retraining:Ensemble"] = "1",
        ["Einthoven:Retraining:Epochs"] = "3",
        ["Einthoven:Retraining:Threads"] = "1",
        ["Einthoven:Retraining:Seed"] = "7",
        ["Einthoven:Retraining:HoldoutFraction"] = "0", // the verified records are training data; the holdout is the MIT-BIH list above
    };

    /// <summary>DS2 records whose reference labels the cardiologist enters (none of them in the holdout, no patient shared with it).</summary>
    private static readonly string[] Verified = ["213", "214", "221", "233"];

    [Fact(Skip = Waiting)]
    public async Task Verified_labels_promote_a_better_challenger_and_shuffled_labels_are_rejected()
    {
        var settings = new Dictionary<string, string?>(Tiny)
        {
            ["Einthoven:Retraining:Enabled"] = "true",
            ["Einthoven:Retraining:Schedule"] = "* * * * *", // every minute: the scheduled job is what runs
            ["Einthoven:Retraining:StandardDatabase"] = TestData.MitDb,
            ["Einthoven:Retraining:TrainerCommand"] = Path.Combine(AppContext.BaseDirectory, "einthoven.dll"),
            ["Einthoven:Retraining:Timeout"] = "00:40:00",
        };
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "einthoven.runtimeconfig.json")), "the CLI's runtimeconfig.json is beside the tests");
        await using var host = new ServerHost(Provider.Sqlite, settings);
        await host.CreateUserAsync("loop-admin@test.local", "Admin-Pass-123", Roles.Admin);
        var admin = await host.SignInAsync("loop-admin@test.local", "Admin-Pass-123");
        var cardiologist = await host.CreateUserAsync("loop-cardio@test.local", "Cardio-Pass-123", Roles.Cardiologist);

        var recordings = new List<(Guid Recording, Guid Patient, List<(long, AamiClass)> Labels)>();
        foreach (var name in Verified)
        {
            var patient = await host.NewPatientAsync($"loop-{name}@test.local");
            var me = (await (await patient.GetAsync("/api/me")).JsonAsync()).Id();
            var path = TestData.MitDbRecord(name);
            var id = (await (await patient.UploadAsync([path + ".hea", path + ".dat"])).JsonAsync(HttpStatusCode.Created)).GetProperty("recording").Id();
            var reference = RecordFiles.Open(path).ReadAnnotations("atr").Where(a => a.IsBeat && AamiMapping.FromAnnotation(a) is not null)
                .Select(a => (a.Sample, AamiMapping.FromAnnotation(a)!.Value)).ToList();
            recordings.Add((id, me, reference));
            await EnterVerificationAsync(host, id, me, cardiologist, reference);
        }

        var promoted = await NextScheduledRunAsync(admin, DateTime.UtcNow);
        Assert.Equal(("Succeeded", "promoted"), (promoted.Str("status"), promoted.Str("decision")));
        var metrics = promoted.GetProperty("metrics");
        Assert.True(metrics.GetProperty("difference").GetDouble() > metrics.GetProperty("required").GetDouble());
        Assert.Equal(3, metrics.GetProperty("holdoutRecords").GetInt32());
        var registry = await (await admin.GetAsync("/api/models/beats")).JsonAsync();
        Assert.Equal(promoted.GetProperty("challengerVersion").GetInt32(), registry.GetProperty("championVersion").GetInt32());
        Assert.Contains($"-r{promoted.GetProperty("challengerVersion").GetInt32()}", registry.Str("runningAnalyzer"));

        // Shuffled labels: the same beats with their classes permuted; the next run that starts after them takes them all.
        var random = new Random(25);
        foreach (var (recording, patient, labels) in recordings)
        {
            var classes = labels.Select(l => l.Item2).OrderBy(_ => random.Next()).ToList();
            await EnterVerificationAsync(host, recording, patient, cardiologist, labels.Select((l, i) => (l.Item1, classes[i])).ToList());
        }
        var rejected = await NextScheduledRunAsync(admin, DateTime.UtcNow);
        Assert.Equal(("Succeeded", "rejected"), (rejected.Str("status"), rejected.Str("decision")));
        var rejectedMetrics = rejected.GetProperty("metrics");
        Assert.False(rejectedMetrics.GetProperty("difference").GetDouble() > rejectedMetrics.GetProperty("required").GetDouble());
        Assert.NotEqual(promoted.Str("datasetVersionId"), rejected.Str("datasetVersionId"));
        Assert.Equal(promoted.GetProperty("challengerVersion").GetInt32(),
            (await (await admin.GetAsync("/api/models/beats")).JsonAsync()).GetProperty("championVersion").GetInt32());
    }

    /// <summary>Stands in for the verification API: the cardiologist's completed set of the recording.</summary>
    private static Task EnterVerificationAsync(ServerHost host, Guid recording, Guid patient, Guid cardiologist, List<(long, AamiClass)> labels) =>
        Verifications.CompleteAsync(host, recording, patient, cardiologist, labels);

    /// <summary>The first scheduled run that started after <paramref name="after"/>, once it has ended.</summary>
    private static async Task<JsonElement> NextScheduledRunAsync(HttpClient admin, DateTime after)
    {
        var deadline = DateTime.UtcNow.AddMinutes(45);
        while (DateTime.UtcNow < deadline)
        {
            var run = (await (await admin.GetAsync("/api/retraining/runs")).JsonAsync()).EnumerateArray()
                .LastOrDefault(r => r.GetProperty("startedAt").GetDateTime().ToUniversalTime() > after);
            if (run.ValueKind == JsonValueKind.Object && run.Str("status") != "Running")
            {
                Assert.Equal("schedule", run.Str("trigger"));
                return run;
            }
            await Task.Delay(1000);
        }
        throw new TimeoutException("no scheduled run ended in 45 minutes");
    }
}
