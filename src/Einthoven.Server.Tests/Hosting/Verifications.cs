using Einthoven.Models.Beats;
using Einthoven.Server.Storage;
using Einthoven.Server.Verification;
using Einthoven.Signal.Records;

namespace Einthoven.Server.Tests.Hosting;

/// <summary>
/// Physician beat sets written straight into the verification tables, as the verification API stores them: a request,
/// and one cardiologist's completed set of beats (MIT codes of AAMI classes). For the dataset tests, which need exact
/// sets quickly; the end-to-end test of the loop enters its sets through the API.
/// </summary>
public static class Verifications
{
    public static async Task<Guid> CompleteAsync(ServerHost host, Guid recording, Guid patient, Guid cardiologist, IEnumerable<(long Sample, AamiClass Label)> beats)
    {
        var annotations = beats.OrderBy(b => b.Sample).Select(b => new Annotation(b.Sample, AamiMapping.Code(b.Label), Subtype: 1)).ToList();
        return await host.DbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var request = db.VerificationRequests.Local.FirstOrDefault(r => r.RecordingId == recording)
                          ?? db.VerificationRequests.FirstOrDefault(r => r.RecordingId == recording);
            if (request is null)
            {
                request = new VerificationRequest { Id = Guid.NewGuid(), RecordingId = recording, PatientId = patient, RequestedBy = patient, RequestedAt = now, Status = VerificationStatus.Open };
                db.VerificationRequests.Add(request);
            }
            var set = db.BeatVerifications.FirstOrDefault(v => v.RequestId == request.Id && v.CardiologistId == cardiologist);
            if (set is null) db.BeatVerifications.Add(set = new BeatVerification { Id = Guid.NewGuid(), RequestId = request.Id, RecordingId = recording, CardiologistId = cardiologist, StartedAt = now });
            (set.Data, set.BeatCount, set.ReviewedCount, set.UpdatedAt, set.CompletedAt, set.AiModel) =
                (AnnotationSetCodec.Encode(annotations), annotations.Count, annotations.Count, now, now, "test");
            await db.SaveChangesAsync();
            return set.Id;
        });
    }

    /// <summary>The AI's beats of a recording's analysis, as (sample, class).</summary>
    public static Task<List<(long Sample, AamiClass Label)>> AiBeatsAsync(ServerHost host, Guid recording) => host.DbAsync(async db =>
    {
        var data = db.AnnotationSets.Where(a => a.RecordingId == recording && a.Annotator == "analysis").Select(a => a.Data).Single();
        await Task.CompletedTask;
        return AnnotationSetCodec.Decode(data).Where(a => a.IsBeat)
            .Select(a => (a.Sample, AamiMapping.FromAnnotation(a)!.Value)).ToList();
    });
}
