using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats;

/// <summary>
/// The single entry point for reading and writing records in any supported format: it picks the format from the
/// file extension (or an explicit name) and loads whole records through the streaming readers.
/// </summary>
public static class RecordFiles
{
    // Every built-in format, one line each.
    private static volatile IRecordFormat[] Registered =
    [
        new Wfdb.WfdbFormat(),
        new Edf.EdfFormat(),
        new Csv.CsvFormat(),
        new Dicom.DicomFormat(),
        new Aecg.AecgFormat(),
        new Scp.ScpFormat(),
    ];

    private static readonly object RegistrationLock = new();

    public static IReadOnlyList<IRecordFormat> Formats => Registered;

    /// <summary>
    /// Adds a format that lives outside the signal library (FHIR's Observation, in Einthoven.Interop, needs Firely's
    /// SDK): the CLI and the server register it at start. A format of the same name is replaced.
    /// </summary>
    public static void Register(IRecordFormat format)
    {
        lock (RegistrationLock)
            Registered = [.. Registered.Where(f => !string.Equals(f.Name, format.Name, StringComparison.OrdinalIgnoreCase)), format];
    }

    /// <summary>The format named <paramref name="name"/>, or the one whose extension <paramref name="path"/> has.</summary>
    public static IRecordFormat Resolve(string path, string? name = null)
    {
        if (name is not null)
            return Registered.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
                   ?? throw new SignalFormatException(path, "format", $"unknown format '{name}'; known: {string.Join(", ", Registered.Select(f => f.Name))}");
        var ext = Path.GetExtension(path).ToLowerInvariant();
        var byExt = Registered.FirstOrDefault(f => f.Extensions.Contains(ext));
        if (byExt is not null) return byExt;
        // A WFDB record is usually named without extension (…/mitdb/100).
        var wfdb = Registered.FirstOrDefault(f => f.Name == "wfdb");
        if (wfdb is not null && (ext.Length == 0 || File.Exists(Path.ChangeExtension(path, ".hea")) || File.Exists(path + ".hea")))
            return wfdb;
        throw new SignalFormatException(path, "extension", $"cannot tell the format from '{ext}'; known: {string.Join(", ", Registered.SelectMany(f => f.Extensions))}");
    }

    public static ISignalReader Open(string path, string? format = null, FormatOptions? options = null) =>
        Resolve(path, format).Open(path, options);

    /// <summary>Reads a whole record with all of its annotation sets.</summary>
    public static EcgRecord Read(string path, string? format = null, FormatOptions? options = null)
    {
        using var reader = Open(path, format, options);
        return ReadAll(reader);
    }

    public static EcgRecord ReadAll(ISignalReader reader)
    {
        var info = reader.Info;
        if (info.SampleCount > int.MaxValue)
            throw new SignalFormatException(info.Name, "length", $"{info.SampleCount} samples per lead is too long to load whole; read it in windows");
        // A length claimed by a damaged header (an EDF+D gap of years) must not exhaust memory.
        var bytes = info.SampleCount * Math.Max(1, info.Leads.Count) * (double)sizeof(int);
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (bytes > available / 2.0)
            throw new SignalFormatException(info.Name, "length",
                $"{info.SampleCount} samples x {info.Leads.Count} leads need {bytes / 1e9:0.0} GB, more than half the {available / 1e9:0.0} GB available; read it in windows");
        var block = reader.Read(0, (int)info.SampleCount);
        var annotations = reader.Annotators.ToDictionary(a => a, reader.ReadAnnotations);
        return new EcgRecord(info, block.Samples, annotations);
    }

    public static void Write(EcgRecord record, string path, string? format = null, FormatOptions? options = null) =>
        Resolve(path, format).Write(record, path, options);

    public static void Write(ISignalReader source, string path, string? format = null, FormatOptions? options = null) =>
        Resolve(path, format).Write(source, path, options);
}
