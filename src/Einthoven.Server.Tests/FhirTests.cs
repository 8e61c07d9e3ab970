using System.Net;
using System.Text;
using Einthoven.Interop;
using Einthoven.Server.Tests.Hosting;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace Einthoven.Server.Tests;

/// <summary>
/// The FHIR R4 API (issue 28): what it returns validates against the base R4 profiles (Firely's validator), a hospital
/// system posts an ECG with Firely's FhirClient and reads back the analysis, searches page and include, bad input and
/// missing scopes are answered with an OperationOutcome.
/// </summary>
public abstract class FhirTests(ServerFixture fixture)
{
    private World W => fixture.World;

    /// <summary>A synthetic ECG (MLII and V1 at 360 Hz, 60 beats a minute) as an Observation of the patient.</summary>
    public static Observation Ecg(Guid patient, string name, int seconds = 10, int seed = 3)
    {
        var record = TestRecords.Synthetic(name, seconds, seed);
        return EcgObservation.ToObservation(name, patient.ToString(), record.Info, new DateTimeOffset(record.Info.Start!.Value, TimeSpan.Zero), record.Samples);
    }

    public static string EcgJson(Guid patient, string name, int seconds = 10, int seed = 3) => FhirJson.Serialize(Ecg(patient, name, seconds, seed));

    [ProviderFact]
    public async System.Threading.Tasks.Task A_hospital_posts_an_ecg_with_the_fhir_client_and_reads_the_analysis()
    {
        var doctor = W.Actors[Who.DoctorWithGrant];
        var token = await (await doctor.Client.PostJsonAsync("/api/tokens",
            new { name = "hospital", scopes = new[] { "patient/Observation.write", "patient/*.read" } })).JsonAsync(HttpStatusCode.Created);
        var client = new FhirClient("http://localhost/fhir", fixture.Host.Client(token.Str("token")), new FhirClientSettings { PreferredFormat = ResourceFormat.Json });
        var posted = Ecg(W.Owner.Id, "hospital-ecg", seconds: 20, seed: 11);

        var created = await client.CreateAsync(posted);
        Assert.NotNull(created);
        var recording = Guid.Parse(created!.Id);
        await W.WaitForAnalysisAsync(recording, doctor.Client);

        var report = await client.ReadAsync<DiagnosticReport>($"DiagnosticReport/{recording}");
        Assert.Equal($"Patient/{W.Owner.Id}", report!.Subject.Reference);
        Assert.Contains("not a certified medical device", report.Conclusion);
        Assert.Contains(report.ConclusionCode, c => c.Coding[0].System == FhirCodes.EinthovenRhythm);
        var measurements = new List<Observation>();
        foreach (var result in report.Result) measurements.Add((await client.ReadAsync<Observation>(result.Reference))!);
        var codes = measurements.Select(m => m.Code.Coding[0].Code).ToList();
        Assert.Contains(FhirCodes.HeartRate, codes);
        Assert.Contains(FhirCodes.QrsDuration, codes);
        var rate = (Quantity)measurements.Single(m => m.Code.Coding[0].Code == FhirCodes.HeartRate).Value;
        Assert.InRange(rate.Value!.Value, 50m, 70m);
        Assert.Equal("/min", rate.Code);
        var qrs = (Quantity)measurements.Single(m => m.Code.Coding[0].Code == FhirCodes.QrsDuration).Value;
        Assert.InRange(qrs.Value!.Value, 40m, 200m);

        var stored = await client.ReadAsync<Observation>($"Observation/{recording}");
        Assert.Equal(posted.Component.Select(c => ((SampledData)c.Value).Data), stored!.Component.Select(c => ((SampledData)c.Value).Data));
        Assert.Equal("131330", stored.Component[0].Code.Coding[0].Code); // MLII is lead II
        FhirValidation.AssertValid([created, report, stored, .. measurements]);
    }

    [ProviderFact]
    public async System.Threading.Tasks.Task Every_resource_the_api_returns_validates_against_the_base_r4_profiles()
    {
        var owner = W.Owner.Client;
        var resources = new List<Resource>
        {
            await ReadAsync(W.Anonymous, "/fhir/metadata"),
            await ReadAsync(owner, $"/fhir/Patient/{W.Owner.Id}"),
            await ReadAsync(owner, "/fhir/Patient"),
            await ReadAsync(owner, $"/fhir/Observation/{W.Recording}"),
            await ReadAsync(owner, $"/fhir/Observation/{W.Recording}-hr"),
            await ReadAsync(owner, $"/fhir/DiagnosticReport/{W.Recording}"),
            await ReadAsync(owner, $"/fhir/Observation?patient={W.Owner.Id}&_count=3&_include=Observation:subject"),
            await ReadAsync(owner, "/fhir/DiagnosticReport?_include=DiagnosticReport:result&_include=DiagnosticReport:subject"),
            await ReadAsync(owner, "/fhir/Appointment"),
            await ReadAsync(owner, $"/fhir/Observation/{Guid.NewGuid()}", HttpStatusCode.NotFound),
        };
        Assert.IsType<CapabilityStatement>(resources[0]);
        Assert.IsType<OperationOutcome>(resources[^1]);
        FhirValidation.AssertValid([.. resources]);
    }

    [ProviderFact]
    public async System.Threading.Tasks.Task Searches_page_with_next_links_and_include_what_they_are_asked_to()
    {
        var patient = await fixture.Host.NewPatientAsync($"fhir-paging-{fixture.Provider}@example.org");
        var me = (await (await patient.GetAsync("/api/me")).JsonAsync()).Id();
        var ecgs = new List<string>();
        for (var seed = 1; seed <= 3; seed++)
        {
            var response = await patient.PostAsync("/fhir/Observation", Fhir(EcgJson(me, $"paging-{seed}", seconds: 12, seed: seed)));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            ecgs.Add(((Observation)FhirJson.Parse(await response.Content.ReadAsStringAsync())).Id);
        }
        foreach (var ecg in ecgs) await patient.AnalysisAsync(Guid.Parse(ecg));

        var matches = new List<string>();
        string? next = "/fhir/Observation?_count=2&_include=Observation:subject";
        var pages = 0;
        int? total = null;
        while (next is not null)
        {
            var bundle = (Bundle)await ReadAsync(patient, next);
            pages++;
            total ??= bundle.Total;
            var page = bundle.Entry.Where(e => e.Search.Mode == Bundle.SearchEntryMode.Match).ToList();
            Assert.InRange(page.Count, 1, 2);
            matches.AddRange(page.Select(e => $"{e.Resource.TypeName}/{e.Resource.Id}"));
            Assert.Equal([$"Patient/{me}"], bundle.Entry.Where(e => e.Search.Mode == Bundle.SearchEntryMode.Include).Select(e => $"{e.Resource.TypeName}/{e.Resource.Id}"));
            next = bundle.NextLink?.ToString();
            Assert.True(pages < 50, "the next links never end");
        }
        Assert.Equal(total, matches.Count);
        Assert.Equal(matches.Count, matches.Distinct().Count());
        Assert.Subset(matches.ToHashSet(), ecgs.Select(e => $"Observation/{e}").ToHashSet());
        Assert.Contains($"Observation/{ecgs[0]}-hr", matches);
        Assert.True(matches.Count > 2 * 3, $"only {matches.Count} observations: {string.Join(", ", matches)}");

        var rates = (Bundle)await ReadAsync(patient, "/fhir/Observation?code=http://loinc.org|8867-4");
        Assert.Equal(3, rates.Total);
        Assert.All(rates.Entry, e => Assert.Equal(FhirCodes.HeartRate, ((Observation)e.Resource).Code.Coding[0].Code));
        Assert.Equal(0, ((Bundle)await ReadAsync(patient, "/fhir/Observation?date=lt2000-01-01")).Total);
        Assert.Equal(3, ((Bundle)await ReadAsync(patient, "/fhir/Observation?code=131328&date=ge2026-10-01&date=lt2026-10-10")).Total);

        var reports = (Bundle)await ReadAsync(patient, "/fhir/DiagnosticReport?_include=DiagnosticReport:result");
        Assert.Equal(3, reports.Total);
        var referenced = reports.Entry.Where(e => e.Search.Mode == Bundle.SearchEntryMode.Match).SelectMany(e => ((DiagnosticReport)e.Resource).Result.Select(r => r.Reference)).ToHashSet();
        var included = reports.Entry.Where(e => e.Search.Mode == Bundle.SearchEntryMode.Include).Select(e => $"Observation/{e.Resource.Id}").ToHashSet();
        Assert.Equal(referenced, included);

        var wide = (Bundle)await ReadAsync(patient, "/fhir/Observation?_count=100000");
        Assert.Contains("_count=100&", wide.SelfLink!.ToString());
    }

    [ProviderFact]
    public async System.Threading.Tasks.Task Bad_input_is_answered_with_an_operation_outcome()
    {
        var owner = W.Owner.Client;
        await AssertOutcomeAsync(await owner.PostAsync("/fhir/Observation", Fhir("{\"resourceType\": \"Observation\", ")), 400, "not a FHIR R4 resource");
        await AssertOutcomeAsync(await owner.PostAsync("/fhir/Observation", Fhir("""{"resourceType":"Patient","active":true}""")), 400, "expected an Observation");
        var ecg = Ecg(W.Owner.Id, "bad");
        ecg.Subject = null;
        await AssertOutcomeAsync(await owner.PostAsync("/fhir/Observation", Fhir(FhirJson.Serialize(ecg))), 400, "subject");

        // Nine leads of 450,000 samples: each data string within FHIR's 1 MB, all of them past the 4,000,000 samples a posted ECG may hold.
        var tooLong = Ecg(W.Owner.Id, "too-long");
        var lead = string.Join(' ', Enumerable.Repeat("1", 450_000));
        tooLong.Component = Enumerable.Range(0, 9).Select(i => new Observation.ComponentComponent
        {
            Code = FhirCodes.Lead($"L{i}"),
            Value = new SampledData { Origin = new Quantity(0, "mV"), Period = 2, Dimensions = 1, Data = lead },
        }).ToList();
        await AssertOutcomeAsync(await owner.PostAsync("/fhir/Observation", Fhir(FhirJson.Serialize(tooLong))), 413, "component[8].valueSampledData.data");
        var overLong = Ecg(W.Owner.Id, "over-long");
        ((SampledData)overLong.Component[0].Value).Data = string.Join(' ', Enumerable.Repeat("1", 600_000));
        await AssertOutcomeAsync(await owner.PostAsync("/fhir/Observation", Fhir(FhirJson.Serialize(overLong))), 400, "not a FHIR R4 resource");

        var errors = Ecg(W.Owner.Id, "errors");
        ((SampledData)errors.Component[1].Value).Data = "1 2 E 4";
        await AssertOutcomeAsync(await owner.PostAsync("/fhir/Observation", Fhir(FhirJson.Serialize(errors))), 422, "component[1].valueSampledData.data");

        var mixed = Ecg(W.Owner.Id, "mixed-rates");
        ((SampledData)mixed.Component[1].Value).Period = 4;
        await AssertOutcomeAsync(await owner.PostAsync("/fhir/Observation", Fhir(FhirJson.Serialize(mixed))), 422, "component[1].valueSampledData.period");

        await AssertOutcomeAsync(await owner.GetAsync("/fhir/Observation?_count=many"), 400, "_count");
        await AssertOutcomeAsync(await owner.GetAsync("/fhir/Observation?date=yesterday"), 400, "date");
        await AssertOutcomeAsync(await owner.GetAsync("/fhir/Observation?_include=Observation:performer"), 400, "_include");
    }

    [ProviderFact]
    public async System.Threading.Tasks.Task Token_scopes_limit_the_fhir_api()
    {
        async Task<HttpClient> Scoped(params string[] scopes) => fixture.Host.Client((await (await W.Owner.Client.PostJsonAsync("/api/tokens",
            new { name = "fhir-scoped", scopes })).JsonAsync(HttpStatusCode.Created)).Str("token"));
        var reader = await Scoped("patient/*.read");
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/fhir/Observation/{W.Recording}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await Scoped("user/*.read")).GetAsync("/fhir/DiagnosticReport")).StatusCode);
        await AssertOutcomeAsync(await reader.PostAsync("/fhir/Observation", Fhir(EcgJson(W.Owner.Id, "scoped"))), 403, "patient/Observation.write");
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/api/recordings")).StatusCode);
        await AssertOutcomeAsync(await (await Scoped("pacemaker:predict")).GetAsync("/fhir/Patient"), 403, "patient/*.read");
        var writer = await Scoped("patient/Observation.write");
        Assert.Equal(HttpStatusCode.Created, (await writer.PostAsync("/fhir/Observation", Fhir(EcgJson(W.Owner.Id, "scoped-write", seconds: 5)))).StatusCode);
        await AssertOutcomeAsync(await writer.GetAsync($"/fhir/Observation/{W.Recording}"), 403, "patient/*.read");
    }

    private static StringContent Fhir(string json) => new(json, Encoding.UTF8, FhirJson.MediaType);

    private static async Task<Resource> ReadAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {url}: {(int)response.StatusCode} {text}");
        Assert.Equal(FhirJson.MediaType, response.Content.Headers.ContentType?.MediaType);
        return FhirJson.Parse(text);
    }

    private static async System.Threading.Tasks.Task AssertOutcomeAsync(HttpResponseMessage response, int status, string mentions)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal(FhirJson.MediaType, response.Content.Headers.ContentType?.MediaType);
        var outcome = Assert.IsType<OperationOutcome>(FhirJson.Parse(text));
        var said = string.Join(" ", outcome.Issue.Select(i => $"{i.Diagnostics} {string.Join(",", i.Expression ?? [])}"));
        Assert.True(said.Contains(mentions, StringComparison.Ordinal), $"'{mentions}' not in: {said}");
    }
}

[Collection("sqlite")]
public sealed class SqliteFhirTests(SqliteFixture fixture) : FhirTests(fixture);

[Collection("postgres"), UsesPostgres]
public sealed class PostgresFhirTests(PostgresFixture fixture) : FhirTests(fixture);
