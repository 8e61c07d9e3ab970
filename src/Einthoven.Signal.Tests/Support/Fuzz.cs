using System.Text;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Tests.Support;

/// <summary>
/// Mutates valid files and checks that each mutant either reads or fails with a <see cref="SignalFormatException"/>
/// that names the file and a field, never with another exception.
/// </summary>
internal static class Fuzz
{
    private const long WholeReadLimit = 1_000_000;

    /// <summary>Reads <paramref name="path"/> like a user would; returns null on success or the format error.</summary>
    public static SignalFormatException? TryRead(string path, FormatOptions? options = null)
    {
        try
        {
            using var reader = RecordFiles.Open(path, options: options);
            var count = reader.Info.SampleCount;
            if (count <= WholeReadLimit) reader.Read(0, (int)count);
            else
            {
                reader.Read(0, 1000);
                reader.Read(count - 1000, 1000);
            }
            foreach (var annotator in reader.Annotators) reader.ReadAnnotations(annotator);
            return null;
        }
        catch (SignalFormatException e)
        {
            return e;
        }
    }

    /// <summary>Writes each mutant to <paramref name="path"/> and checks how it reads.</summary>
    public static (int Read, int Refused) Run(byte[] valid, string path, int iterations, int seed, Func<Random, byte[], byte[]>? extra = null,
        FormatOptions? options = null)
    {
        var rng = new Random(seed);
        var (read, refused) = (0, 0);
        for (var i = 0; i < iterations; i++)
        {
            var kind = rng.Next(extra is null ? 5 : 7);
            var mutant = kind >= 5 ? extra!(rng, valid) : Mutate(rng, valid, kind);
            File.WriteAllBytes(path, mutant);
            SignalFormatException? error;
            try { error = TryRead(path, options); }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"mutant {i} (kind {kind}, seed {seed}) threw {e.GetType().Name} instead of SignalFormatException: {e}");
            }
            if (error is null) { read++; continue; }
            refused++;
            Assert.Equal(path, error.File);
            Assert.False(string.IsNullOrWhiteSpace(error.Field), $"mutant {i}: no field in '{error.Message}'");
            Assert.StartsWith(path + ": ", error.Message);
        }
        return (read, refused);
    }

    private static byte[] Mutate(Random rng, byte[] valid, int kind)
    {
        var bytes = (byte[])valid.Clone();
        switch (kind)
        {
            case 0: // bit flips, mostly in the first kilobyte where the header lives
                for (var n = rng.Next(1, 8); n > 0; n--)
                {
                    var at = rng.Next(2) == 0 ? rng.Next(Math.Min(bytes.Length, 1024)) : rng.Next(bytes.Length);
                    bytes[at] ^= (byte)(1 << rng.Next(8));
                }
                return bytes;
            case 1: // truncation
                return bytes[..rng.Next(bytes.Length)];
            case 2: // garbage overwrite
            {
                var at = rng.Next(bytes.Length);
                var garbage = new byte[Math.Min(rng.Next(1, 64), bytes.Length - at)];
                rng.NextBytes(garbage);
                garbage.CopyTo(bytes, at);
                return bytes;
            }
            case 3: // garbage inserted
            {
                var at = rng.Next(bytes.Length);
                var garbage = new byte[rng.Next(1, 64)];
                rng.NextBytes(garbage);
                return [.. bytes[..at], .. garbage, .. bytes[at..]];
            }
            default: // printable garbage (digits, signs, separators) overwriting text
            {
                const string alphabet = "0123456789-+.,;e E#=\n\r\t\"abc\u0014\u0015\0";
                var at = rng.Next(bytes.Length);
                var text = new string(Enumerable.Range(0, rng.Next(1, 12)).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray());
                var garbage = Encoding.Latin1.GetBytes(text);
                Array.Copy(garbage, 0, bytes, at, Math.Min(garbage.Length, bytes.Length - at));
                return bytes;
            }
        }
    }
}
