using Einthoven.Signal.Compression;
using Einthoven.Signal.Formats;

namespace Einthoven.Server.Storage;

/// <summary>
/// Writes a record's samples into the database as compressed chunks of <see cref="ChunkSize"/> samples per lead, plus
/// each lead's min/max envelope over blocks of <see cref="EnvelopeBlock"/> samples. Reads the source window by window,
/// so a 24-hour recording is never held whole.
/// </summary>
public static class SampleStore
{
    public const int ChunkSize = 32_768;
    public const int EnvelopeBlock = 32;
    // Each save is its own short transaction, so other users' writes interleave with a long import.
    private const int ChunksPerSave = 64;

    /// <summary>Adds the chunks and envelopes to <paramref name="db"/> (saving as it goes); returns the bytes stored.</summary>
    public static async Task<long> WriteAsync(AppDb db, Guid recordingId, ISignalReader reader, CancellationToken ct)
    {
        var leads = reader.Info.Leads.Count;
        var minima = Enumerable.Range(0, leads).Select(_ => new List<int>()).ToArray();
        var maxima = Enumerable.Range(0, leads).Select(_ => new List<int>()).ToArray();
        long stored = 0;
        var index = 0;
        var pending = 0;
        for (long start = 0; start < reader.Info.SampleCount; start += ChunkSize, index++)
        {
            var block = reader.Read(start, (int)Math.Min(ChunkSize, reader.Info.SampleCount - start));
            for (var lead = 0; lead < leads; lead++)
            {
                var samples = block.Samples[lead];
                var data = SampleCodec.Encode(samples);
                stored += data.Length;
                db.SampleChunks.Add(new SampleChunk { RecordingId = recordingId, Lead = lead, Index = index, FirstSample = start, Count = samples.Length, Data = data });
                AddEnvelope(samples, minima[lead], maxima[lead]);
                pending++;
            }
            if (pending >= ChunksPerSave)
            {
                pending = 0;
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
        for (var lead = 0; lead < leads; lead++)
        {
            var envelope = new LeadEnvelope
            {
                RecordingId = recordingId, Lead = lead, BlockSize = EnvelopeBlock,
                Minima = SampleCodec.Encode(minima[lead].ToArray()), Maxima = SampleCodec.Encode(maxima[lead].ToArray()),
            };
            stored += envelope.Minima.Length + envelope.Maxima.Length;
            db.LeadEnvelopes.Add(envelope);
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return stored;
    }

    // Chunks hold a whole number of envelope blocks, so blocks never straddle two chunks.
    private static void AddEnvelope(int[] samples, List<int> minima, List<int> maxima)
    {
        for (var b = 0; b < samples.Length; b += EnvelopeBlock)
        {
            var span = samples.AsSpan(b, Math.Min(EnvelopeBlock, samples.Length - b));
            int min = int.MaxValue, max = int.MinValue;
            foreach (var v in span)
            {
                if (v < min) min = v;
                if (v > max) max = v;
            }
            minima.Add(min);
            maxima.Add(max);
        }
    }
}
