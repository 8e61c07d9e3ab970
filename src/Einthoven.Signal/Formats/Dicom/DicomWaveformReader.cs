using System.Globalization;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Dicom;

/// <summary>
/// Streams a DICOM waveform file: the data set is parsed on open (the waveform data only located), samples are
/// decoded from the file for the window asked for. The record is the first multiplex group, continued by the groups
/// that follow it without a gap at the same rate with the same channels (as the writer splits a long 12-lead ECG);
/// other groups (a median beat, another rate) are described in <see cref="DicomMetadataKeys.MultiplexGroups"/> but
/// not read. Annotations are the set "dicom".
/// </summary>
internal sealed class DicomWaveformReader : ISignalReader
{
    public const string Annotator = "dicom";
    private const int ChunkBytes = 1 << 20;

    private readonly Stream _stream;
    private readonly string _path;
    private readonly DicomGroup[] _groups;
    private readonly long[] _firstSamples;
    private readonly IReadOnlyList<Annotation> _annotations;

    private DicomWaveformReader(Stream stream, string path, string name)
    {
        _stream = stream;
        _path = path;
        var file = DicomParser.Parse(stream, path);
        var data = file.Data;
        var items = data.Items(DicomTags.WaveformSequence);
        if (items.Count == 0) throw data.Error(DicomTags.WaveformSequence, "is missing or empty: the file holds no waveform");
        var all = items.Select((item, i) => DicomGroup.Read(item, i + 1)).ToArray();
        var read = new List<DicomGroup> { all[0] };
        while (read.Count < all.Length && read[^1].ContinuesWith(all[read.Count])) read.Add(all[read.Count]);
        _groups = [.. read];
        _firstSamples = new long[_groups.Length];
        for (var i = 1; i < _groups.Length; i++) _firstSamples[i] = _firstSamples[i - 1] + _groups[i - 1].SampleCount;

        Info = new RecordInfo
        {
            Name = name,
            SamplingFrequency = _groups[0].SamplingFrequency,
            SampleCount = _firstSamples[^1] + _groups[^1].SampleCount,
            Leads = _groups[0].Leads,
            StartDate = Start(data)?.Date,
            StartTime = Start(data)?.Time,
            Comments = data.String(DicomTags.PatientComments)?.Split('\n').Select(c => c.TrimEnd('\r')).ToArray() ?? [],
            Metadata = Metadata(file, all),
        };
        _annotations = [.. data.Items(DicomTags.WaveformAnnotations)
            .Select(item => DicomAnnotations.Read(item, GroupSpan))
            .OfType<Annotation>()
            .OrderBy(a => a.Sample)];
    }

    public static DicomWaveformReader Open(Stream stream, string path, string name)
    {
        try { return new DicomWaveformReader(stream, path, name); }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public RecordInfo Info { get; }

    public IReadOnlyList<string> Annotators => _annotations.Count > 0 ? [Annotator] : [];

    public IReadOnlyList<Annotation> ReadAnnotations(string annotator) =>
        annotator == Annotator ? _annotations : throw new SignalFormatException(_path, "annotator", $"DICOM waveforms have only the '{Annotator}' annotation set, not '{annotator}'");

    public SampleBlock Read(long start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var length = start < 0 || start >= Info.SampleCount ? 0 : (int)Math.Min(count, Info.SampleCount - start);
        var samples = Info.Leads.Select(_ => new int[length]).ToArray();
        var end = start + length;
        for (var g = 0; g < _groups.Length && length > 0; g++)
        {
            var group = _groups[g];
            var from = Math.Max(start, _firstSamples[g]);
            var to = Math.Min(end, _firstSamples[g] + group.SampleCount);
            var frameBytes = group.BytesPerSample * group.Channels;
            var perChunk = Math.Max(1, ChunkBytes / frameBytes);
            var buffer = new byte[(int)Math.Min(perChunk, Math.Max(0, to - from)) * frameBytes];
            for (var at = from; at < to; at += perChunk)
            {
                var frames = (int)Math.Min(perChunk, to - at);
                var span = buffer.AsSpan(0, frames * frameBytes);
                _stream.Position = group.DataOffset + (at - _firstSamples[g]) * frameBytes;
                if (_stream.ReadAtLeast(span, span.Length, throwOnEndOfStream: false) < span.Length)
                    throw new SignalFormatException(_path, $"multiplex group {group.Number} waveform data", "the file ends early; it was truncated after it was opened")
                        { Problem = SignalProblem.MissingData };
                group.Decode(span, samples, (int)(at - start));
            }
        }
        return new SampleBlock(Math.Max(0, start), samples);
    }

    public void Dispose() => _stream.Dispose();

    private (long First, long Count)? GroupSpan(int group) =>
        group >= 1 && group <= _groups.Length ? (_firstSamples[group - 1], _groups[group - 1].SampleCount) : null;

    /// <summary>The record start: Acquisition DateTime, else Study Date and Time.</summary>
    private static (DateOnly? Date, TimeOnly? Time)? Start(DicomDataset data)
    {
        if (data.String(DicomTags.AcquisitionDateTime) is { } dt)
        {
            var digits = dt.Split('+', '-')[0];
            var date = Date(data, DicomTags.AcquisitionDateTime, digits.Length >= 8 ? digits[..8] : digits);
            return (date, digits.Length > 8 ? Time(data, DicomTags.AcquisitionDateTime, digits[8..]) : null);
        }
        var studyDate = data.String(DicomTags.StudyDate) is { } d ? Date(data, DicomTags.StudyDate, d) : (DateOnly?)null;
        var studyTime = data.String(DicomTags.StudyTime) is { } t ? Time(data, DicomTags.StudyTime, t) : (TimeOnly?)null;
        return studyDate is null && studyTime is null ? null : (studyDate, studyTime);
    }

    private static DateOnly Date(DicomDataset data, uint tag, string value) =>
        DateOnly.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : throw data.Error(tag, $"'{value}' is not a date (YYYYMMDD)");

    /// <summary>A TM value: HH, HHMM, HHMMSS or HHMMSS.F to HHMMSS.FFFFFF (the old HH:MM:SS form too).</summary>
    private static TimeOnly Time(DicomDataset data, uint tag, string value)
    {
        var v = value.Replace(":", "");
        var whole = v.Split('.')[0];
        var fraction = v.Contains('.') ? v[(v.IndexOf('.') + 1)..] : "";
        if (whole.Length is not (2 or 4 or 6) || !whole.All(char.IsAsciiDigit) || fraction.Length > 6 || !fraction.All(char.IsAsciiDigit))
            throw data.Error(tag, $"'{value}' is not a time (HHMMSS.FFFFFF)");
        int Part(int at) => at + 2 <= whole.Length ? int.Parse(whole.AsSpan(at, 2), CultureInfo.InvariantCulture) : 0;
        var (h, m, s) = (Part(0), Part(2), Part(4));
        if (h > 23 || m > 59 || s > 60) throw data.Error(tag, $"'{value}' is not a time of day");
        var ticks = fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(7, '0'), CultureInfo.InvariantCulture);
        return new TimeOnly(h, m, Math.Min(s, 59)).Add(TimeSpan.FromTicks(ticks));
    }

    private static Dictionary<string, string> Metadata(DicomFile file, DicomGroup[] groups)
    {
        var data = file.Data;
        var meta = new Dictionary<string, string>();
        void Put(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) meta[key] = value;
        }
        Put(MetadataKeys.PatientId, data.String(DicomTags.PatientId));
        Put(MetadataKeys.PatientName, data.String(DicomTags.PatientName));
        Put(MetadataKeys.BirthDate, DicomPatient.BirthDateBack(data.String(DicomTags.PatientBirthDate)));
        Put(MetadataKeys.Sex, data.String(DicomTags.PatientSex));
        Put(MetadataKeys.Age, DicomPatient.AgeBack(data.String(DicomTags.PatientAge)));
        Put(MetadataKeys.Site, data.String(DicomTags.InstitutionName));
        Put(MetadataKeys.RecordingId, data.String(DicomTags.StudyDescription));
        Put(MetadataKeys.Technician, data.String(DicomTags.OperatorsName));
        Put(MetadataKeys.Device, data.String(DicomTags.ModelName));
        var sopClass = data.String(DicomTags.SopClass);
        Put(DicomMetadataKeys.SopClass, sopClass is null ? null : $"{sopClass} ({DicomIodSpec.ByUid(sopClass)?.Name ?? "not an ECG waveform IOD"})");
        Put(DicomMetadataKeys.SopInstanceUid, data.String(DicomTags.SopInstance));
        Put(DicomMetadataKeys.StudyInstanceUid, data.String(DicomTags.StudyInstance));
        Put(DicomMetadataKeys.SeriesInstanceUid, data.String(DicomTags.SeriesInstance));
        Put(DicomMetadataKeys.TransferSyntax, file.TransferSyntax);
        var readCount = 1;
        while (readCount < groups.Length && groups[readCount - 1].ContinuesWith(groups[readCount])) readCount++;
        Put(DicomMetadataKeys.MultiplexGroups, string.Join("; ", groups.Select((g, i) => g.Describe(i < readCount))));
        return meta;
    }
}
