using System.Security.Cryptography;
using System.Text;
using Einthoven.Models.Verified;
using Einthoven.Server.Recordings;
using Einthoven.Server.Storage;
using Einthoven.Server.Verification;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.ContinuousLearning;

/// <summary>
/// Reads what a dataset version is made of: every recording with at least one completed physician beat set (of a
/// request not withdrawn), its content hash, its sets, the AI's beats of its analysis, its pseudonyms and holdout
/// side, and the beats the cardiologists agree on (<see cref="BeatConsensus"/>).
/// </summary>
public sealed class DatasetInputs(AppDb db, PseudonymKey key)
{
    public async Task<List<DatasetInput>> ReadAsync(double holdoutFraction, CancellationToken ct)
    {
        var sets = await db.BeatVerifications.AsNoTracking()
            .Where(v => v.CompletedAt != null && db.VerificationRequests.Any(r => r.Id == v.RequestId && r.Status != VerificationStatus.Withdrawn))
            .Select(v => new { v.RecordingId, v.CardiologistId, v.CompletedAt, v.Data }).ToListAsync(ct);
        var result = new List<DatasetInput>();
        foreach (var group in sets.GroupBy(s => s.RecordingId).OrderBy(g => g.Key))
        {
            var recording = await db.Recordings.AsNoTracking().SingleOrDefaultAsync(r => r.Id == group.Key, ct);
            if (recording is null) continue; // deleted (or still importing)
            // A cardiologist with two completed sets of one recording (two requests): the set of the later request counts once.
            var physician = group.GroupBy(s => s.CardiologistId)
                .Select(g => new PhysicianSet(g.Key, AnnotationSetCodec.Decode(g.OrderBy(s => s.CompletedAt).Last().Data).Where(a => a.IsBeat).ToList())).ToList();
            var (beats, disagreements) = BeatConsensus.Agree(physician.Select(p => (p.Verifier, p.Beats)).ToList(), recording.SamplingFrequency);
            result.Add(new DatasetInput(recording.Id, recording.PatientId, await ContentHashAsync(recording, ct), physician,
                await AiBeatsAsync(recording.Id, ct), key.RecordName(recording.Id), key.Group(recording.PatientId),
                key.InHoldout(recording.PatientId, holdoutFraction), beats, disagreements));
        }
        return result;
    }

    /// <summary>SHA-256 of the recording's description and its stored sample chunks (lossless codec bytes), lead by lead.</summary>
    private async Task<string> ContentHashAsync(Recording recording, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(recording.InfoJson));
        var chunks = db.SampleChunks.AsNoTracking().Where(c => c.RecordingId == recording.Id).OrderBy(c => c.Lead).ThenBy(c => c.Index)
            .Select(c => new { c.Lead, c.Index, c.Count, c.Data }).AsAsyncEnumerable();
        await foreach (var chunk in chunks.WithCancellation(ct))
        {
            hash.AppendData(Encoding.ASCII.GetBytes($"|{chunk.Lead}/{chunk.Index}/{chunk.Count}/{chunk.Data.Length}|"));
            hash.AppendData(chunk.Data);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private async Task<IReadOnlyList<VerifiedBeat>> AiBeatsAsync(Guid recordingId, CancellationToken ct)
    {
        var data = await db.AnnotationSets.AsNoTracking().Where(a => a.RecordingId == recordingId && a.Annotator == RecordingLoader.AnalysisAnnotator)
            .Select(a => a.Data).SingleOrDefaultAsync(ct);
        return data is null ? [] : VerifiedBeat.FromAnnotations(AnnotationSetCodec.Decode(data));
    }
}
