using System.Diagnostics;
using Einthoven.Server.Storage;
using Einthoven.Signal.Compression;
using Einthoven.Signal.Formats;

namespace Einthoven.Bench;

/// <summary>
/// Bytes per sample of the server's lossless sample storage on all MIT-BIH records: every lead in chunks of
/// <see cref="SampleStore.ChunkSize"/> samples through <see cref="SampleCodec"/>, each chunk decoded again and compared,
/// plus the min/max envelope the viewer uses. Raw format 212 takes 1.5 bytes per sample.
/// </summary>
internal static class StorageBenchmark
{
    public static int Run(string[] args)
    {
        var db = BenchData.MitDb(args);
        long samples = 0, codecBytes = 0, envelopeBytes = 0;
        var worst = (Record: "", BytesPerSample: 0.0);
        var encode = new Stopwatch();
        var decode = new Stopwatch();
        Console.WriteLine("record  samples     bytes/sample");
        foreach (var name in BenchData.Records(db))
        {
            var record = RecordFiles.Read(Path.Combine(db, name));
            long recordBytes = 0;
            foreach (var lead in record.Samples)
            {
                var minima = new List<int>();
                var maxima = new List<int>();
                for (var start = 0; start < lead.Length; start += SampleStore.ChunkSize)
                {
                    var chunk = lead.AsSpan(start, Math.Min(SampleStore.ChunkSize, lead.Length - start));
                    encode.Start();
                    var data = SampleCodec.Encode(chunk);
                    encode.Stop();
                    decode.Start();
                    var back = SampleCodec.Decode(data);
                    decode.Stop();
                    if (!chunk.SequenceEqual(back)) throw new InvalidOperationException($"{name}: chunk at {start} does not round-trip");
                    recordBytes += data.Length;
                    foreach (var block in chunk.ToArray().Chunk(SampleStore.EnvelopeBlock))
                    {
                        minima.Add(block.Min());
                        maxima.Add(block.Max());
                    }
                }
                envelopeBytes += SampleCodec.Encode(minima.ToArray()).Length + SampleCodec.Encode(maxima.ToArray()).Length;
                samples += lead.Length;
            }
            codecBytes += recordBytes;
            var perSample = (double)recordBytes / (record.Samples.Length * record.Info.SampleCount);
            if (perSample > worst.BytesPerSample) worst = (name, perSample);
            Console.WriteLine($"{name,-7} {record.Samples.Length * record.Info.SampleCount,10:N0}  {perSample:0.000}");
        }
        Console.WriteLine();
        Console.WriteLine($"machine: {BenchData.Machine}");
        Console.WriteLine($"all 48 records, {samples:N0} samples, every chunk decoded and compared: exact");
        Console.WriteLine($"samples only:        {(double)codecBytes / samples:0.000} bytes/sample ({codecBytes:N0} bytes; format 212 takes 1.5)");
        Console.WriteLine($"with the envelope:   {(double)(codecBytes + envelopeBytes) / samples:0.000} bytes/sample");
        Console.WriteLine($"worst record:        {worst.Record} at {worst.BytesPerSample:0.000} bytes/sample");
        Console.WriteLine($"encode: {samples / encode.Elapsed.TotalSeconds / 1e6:0.0} M samples/s, decode: {samples / decode.Elapsed.TotalSeconds / 1e6:0.0} M samples/s");
        return 0;
    }
}
