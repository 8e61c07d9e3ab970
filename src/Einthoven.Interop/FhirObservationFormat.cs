using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Hl7.Fhir.Model;

namespace Einthoven.Interop;

/// <summary>
/// A FHIR R4 ECG Observation in JSON (one component with SampledData per lead, <see cref="EcgObservation"/>) as a
/// record file, so that <c>einthoven convert</c> and the server's uploads and downloads take it like any format. It lives
/// here, not in the signal library, because it reads and writes through Firely's SDK; the CLI and the server register it
/// with <see cref="RecordFiles.Register"/>. The whole file is read at once, bounded by <see cref="MaxFileBytes"/>.
/// </summary>
public sealed class FhirObservationFormat : IRecordFormat
{
    /// <summary>The largest file read: 16 leads of FHIR's 1 MB data strings, and room for the rest.</summary>
    public const long MaxFileBytes = 20L * 1024 * 1024;

    public string Name => "fhir";

    public IReadOnlyList<string> Extensions { get; } = [".json"];

    public ISignalReader Open(string path, FormatOptions? options = null)
    {
        var file = new FileInfo(path);
        if (!file.Exists) throw new SignalFormatException(path, "file", "no such file");
        if (file.Length > MaxFileBytes)
            throw new SignalFormatException(path, "size", $"{file.Length:N0} bytes (a FHIR Observation file is read whole, at most {MaxFileBytes:N0})") { Problem = SignalProblem.TooLarge };
        Resource resource;
        try { resource = FhirJson.Parse(File.ReadAllText(path)); }
        catch (InvalidFhirException e) { throw new SignalFormatException(path, "json", e.Message); }
        if (resource is not Observation observation)
            throw new SignalFormatException(path, "resourceType", $"{resource.TypeName}: an ECG Observation is needed");
        try { return new InMemoryReader(EcgObservationReader.Read(observation, options?.Limits ?? new RecordLimits(), Path.GetFileNameWithoutExtension(path))); }
        catch (SignalFormatException e) { throw new SignalFormatException(path, e.Field, e.Reason) { Problem = e.Problem }; }
    }

    public void Write(ISignalReader source, string path, FormatOptions? options = null) => Write(RecordFiles.ReadAll(source), path, options);

    public void Write(EcgRecord record, string path, FormatOptions? options = null)
    {
        var fitting = EcgObservation.FittingSamples(record.Samples);
        if (fitting < record.Info.SampleCount)
            throw new SignalFormatException(path, "length",
                $"{record.Info.SampleCount:N0} samples per lead; FHIR's 1 MB data strings hold {fitting:N0} of this record's (a 10-s 12-lead ECG fits; a long recording does not)");
        var start = record.Info.Start is { } s ? new DateTimeOffset(DateTime.SpecifyKind(s, DateTimeKind.Utc)) : DateTimeOffset.UnixEpoch;
        var patient = record.Info.Metadata.GetValueOrDefault(MetadataKeys.PatientId) is { Length: > 0 } id ? id : "unknown";
        var observation = EcgObservation.ToObservation(SafeId(record.Info.Name), patient, record.Info, start, record.Samples);
        File.WriteAllText(path, FhirJson.Serialize(observation));
    }

    /// <summary>A FHIR id: letters, digits, '-' and '.', at most 64 characters.</summary>
    private static string SafeId(string name)
    {
        var id = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-').ToArray());
        return id.Length == 0 ? "ecg" : id[..Math.Min(id.Length, 64)];
    }
}
