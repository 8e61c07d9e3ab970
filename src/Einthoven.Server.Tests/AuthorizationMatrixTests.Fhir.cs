using System.Net.Http.Headers;
using System.Text;
using Einthoven.Interop;
using Einthoven.Server.Tests.Hosting;

namespace Einthoven.Server.Tests;

/// <summary>
/// The FHIR API (issue 28) under the REST API's rules: a patient's resources for the patient and a doctor with a live
/// grant; errors as OperationOutcome.
/// </summary>
public abstract partial class AuthorizationMatrixTests
{
    [ProviderFact]
    [Covers("GET /fhir/metadata")]
    public Task Fhir_capability_statement_is_open() =>
        Check(HttpMethod.Get, _ => "/fhir/metadata", new Matrix(200, 200, 200, 200, 200, 200, 200, 200), (_, body) => Assert.Contains("\"CapabilityStatement\"", body));

    [ProviderFact]
    [Covers("GET /fhir/Patient/{id}")]
    public Task Fhir_patient_read() => Check(HttpMethod.Get, _ => $"/fhir/Patient/{W.Owner.Id}", Matrix.PatientData(), (who, body) =>
    {
        if (who is Who.Owner or Who.DoctorWithGrant) Assert.Contains(W.Owner.Email, body);
    });

    [ProviderFact]
    [Covers("GET /fhir/Patient")]
    public Task Fhir_patient_search() => Check(HttpMethod.Get, _ => "/fhir/Patient", Matrix.AnyUser(), (who, body) =>
    {
        if (who is Who.Owner or Who.DoctorWithGrant) Assert.Contains(W.Owner.Id.ToString(), body);
        else Assert.DoesNotContain(W.Owner.Id.ToString(), body);
    });

    [ProviderFact]
    [Covers("POST /fhir/Patient")]
    public Task Fhir_patient_create_is_not_supported() =>
        Check(null, _ => "/fhir/Patient", Matrix.AnyUser(405), (who, body) => { if (who != Who.Anonymous) Assert.Contains("not-supported", body); },
            send: (client, _) => client.PostAsync("/fhir/Patient", Fhir("""{"resourceType":"Patient","name":[{"text":"New Patient"}]}""")));

    [ProviderFact]
    [Covers("GET /fhir/Observation/{id}")]
    public Task Fhir_ecg_observation_read() => Check(HttpMethod.Get, _ => $"/fhir/Observation/{W.Recording}", Matrix.PatientData(), (who, body) =>
    {
        if (who is Who.Owner or Who.DoctorWithGrant) Assert.Contains("\"valueSampledData\"", body);
    });

    [ProviderFact]
    [Covers("GET /fhir/Observation")]
    public Task Fhir_observation_search() => Check(HttpMethod.Get, _ => $"/fhir/Observation?patient={W.Owner.Id}&code=http://loinc.org|8633-0&_count=100", Matrix.PatientData(), (who, body) =>
    {
        if (who is Who.Owner or Who.DoctorWithGrant) Assert.Contains($"Observation/{W.Recording}-qrs", body);
    });

    /// <summary>The patient, and a doctor holding a live grant (a hospital system with the doctor's token), may add an ECG to the patient's record.</summary>
    [ProviderFact]
    [Covers("POST /fhir/Observation")]
    public Task Fhir_ecg_observation_create() =>
        Check(null, _ => "/fhir/Observation", new Matrix(401, 201, 404, 404, 201, 404, 404, 404), (who, body) =>
        {
            if (who is Who.Owner or Who.DoctorWithGrant) Assert.Contains(W.Owner.Id.ToString(), body);
        }, send: (client, _) => client.PostAsync("/fhir/Observation", Fhir(FhirTests.EcgJson(W.Owner.Id, "matrix-fhir", seconds: 5))));

    [ProviderFact]
    [Covers("GET /fhir/DiagnosticReport/{id}")]
    public Task Fhir_report_read() => Check(HttpMethod.Get, _ => $"/fhir/DiagnosticReport/{W.Recording}", Matrix.PatientData(), (who, body) =>
    {
        if (who is Who.Owner or Who.DoctorWithGrant) Assert.Contains("not a certified medical device", body);
    });

    [ProviderFact]
    [Covers("GET /fhir/DiagnosticReport")]
    public Task Fhir_report_search() => Check(HttpMethod.Get, _ => $"/fhir/DiagnosticReport?patient={W.Owner.Id}&_include=DiagnosticReport:result", Matrix.PatientData(),
        (who, body) => { if (who is Who.Owner or Who.DoctorWithGrant) Assert.Contains($"Observation/{W.Recording}-hr", body); });

    [ProviderFact]
    [Covers("GET /fhir/Appointment")]
    public Task Fhir_appointment_search() => Check(HttpMethod.Get, _ => $"/fhir/Appointment?patient={W.Owner.Id}", Matrix.PatientData());

    /// <summary>Slots are as open as the clinic directory; an unknown schedule is answered 404 to everyone signed in.</summary>
    [ProviderFact]
    [Covers("GET /fhir/Slot")]
    public Task Fhir_slot_search() => Check(HttpMethod.Get, _ => $"/fhir/Slot?schedule=Schedule/{Guid.NewGuid()}", Matrix.AnyUser(404));

    private static StringContent Fhir(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue(FhirJson.MediaType));
}
