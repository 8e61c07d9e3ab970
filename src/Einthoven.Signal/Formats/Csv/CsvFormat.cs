using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Csv;

/// <summary>
/// CSV of samples in physical units, which must state its sampling rate and units (see <see cref="CsvHeaderParser"/>
/// and <see cref="CsvDirectives"/> for the convention; <see cref="FormatOptions"/> can supply them), and the Apple
/// Health ECG export, recognised by its content.
/// </summary>
public sealed class CsvFormat : IRecordFormat
{
    public string Name => "csv";

    public IReadOnlyList<string> Extensions { get; } = [".csv"];

    public ISignalReader Open(string path, FormatOptions? options = null)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            var layout = AppleHealthEcg.Sniff(stream) ? AppleHealthEcg.Parse(stream, path) : CsvHeaderParser.Parse(stream, path);
            return RecordLimits.Apply(CsvReader.Open(stream, path, layout, options), options, path);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public void Write(ISignalReader source, string path, FormatOptions? options = null) => CsvWriter.Write(source, path);

    public void Write(EcgRecord record, string path, FormatOptions? options = null) => Write(new InMemoryReader(record), path, options);
}
