using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Wfdb;

/// <summary>
/// PhysioNet's WFDB format: a .hea header, signal files (.dat, or .mat as in the CinC 2017 records) and MIT-format
/// annotation files. A record may be named by its path without extension or by any of its files.
/// </summary>
public sealed class WfdbFormat : IRecordFormat
{
    private static readonly string[] RecordExtensions = [".hea", ".dat", ".mat", ".atr", ".qrs"];

    public string Name => "wfdb";

    public IReadOnlyList<string> Extensions => RecordExtensions;

    public ISignalReader Open(string path, FormatOptions? options = null)
    {
        var (directory, record) = WfdbNames.Split(path, RecordExtensions);
        return RecordLimits.Apply(new WfdbReader(directory, record), options, path);
    }

    public void Write(ISignalReader source, string path, FormatOptions? options = null) =>
        WfdbRecordWriter.Write(source, path, options?.WfdbFormat);

    public void Write(EcgRecord record, string path, FormatOptions? options = null) => Write(new InMemoryReader(record), path, options);
}
