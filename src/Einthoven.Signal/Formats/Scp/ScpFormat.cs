using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Scp;

/// <summary>
/// SCP-ECG (EN 1064 / ISO 11073-91064), the resting-ECG format of many electrocardiographs: read with its Huffman,
/// difference and reference-beat encodings (not bimodal compression), written with second differences and the
/// default Huffman table. How a file was encoded is in the metadata key <see cref="EncodingKey"/>.
/// </summary>
public sealed class ScpFormat : IRecordFormat
{
    /// <summary>Metadata key naming the file's encodings ("Huffman (default table), second differences").</summary>
    public const string EncodingKey = "scp_encoding";

    public string Name => "scp";

    public IReadOnlyList<string> Extensions { get; } = [".scp"];

    public ISignalReader Open(string path, FormatOptions? options = null) => new InMemoryReader(ScpRecordReader.Read(path, options?.Limits));

    public void Write(ISignalReader source, string path, FormatOptions? options = null) => ScpWriter.Write(source, path, ScpWriteOptions.Default);

    public void Write(EcgRecord record, string path, FormatOptions? options = null) => Write(new InMemoryReader(record), path, options);

    /// <summary>
    /// The sampling frequency a whole-µs interval stands for: the rate with the fewest decimals (up to 3) whose
    /// interval rounds to it, so that 2778 µs reads as 360 Hz, not 359.97.
    /// </summary>
    public static double Frequency(int intervalMicroseconds)
    {
        var exact = 1e6 / intervalMicroseconds;
        for (var decimals = 0; decimals <= 3; decimals++)
        {
            var candidate = Math.Round(exact, decimals);
            if (candidate > 0 && Math.Round(1e6 / candidate) == intervalMicroseconds) return candidate;
        }
        return exact;
    }
}
