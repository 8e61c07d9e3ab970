using System.Globalization;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Wfdb;

/// <summary>
/// Writes a record as <c>name.hea</c>, <c>name.dat</c> (all signals interleaved in one file) and one MIT annotation
/// file per annotation set. Without an explicit format the smallest that holds every sample is chosen: 212, else 16,
/// 24 or 32.
/// </summary>
public static class WfdbRecordWriter
{
    private static readonly int[] Preference = [212, 16, 24, 32];
    private const int ChunkFrames = 6 * 4096; // a multiple of 2 and 3 keeps 212/310/311 byte groups whole per chunk

    public static void Write(EcgRecord record, string path, string? format = null)
    {
        var (directory, name) = WfdbNames.Split(path, [".hea", ".dat", ".mat"]);
        if (!WfdbNames.IsValidRecordName(name))
            throw new SignalFormatException(path, "record name", $"'{name}' may only hold letters, digits, '_', '-' and '.'");
        var info = record.Info;
        if (!(info.SamplingFrequency > 0) || !double.IsFinite(info.SamplingFrequency))
            throw new SignalFormatException(path, "sampling frequency", $"{info.SamplingFrequency} is not a positive number");
        Directory.CreateDirectory(directory);
        var datName = name + ".dat";
        var storage = WfdbStorageFormat.Get(ChooseFormat(record, format, path));
        var datPath = Path.Combine(directory, datName);
        if (info.Leads.Count > 0) WriteSignals(record, storage, datPath);

        var header = new WfdbHeader
        {
            RecordName = name,
            SamplingFrequency = info.SamplingFrequency,
            CounterFrequency = info.CounterFrequency,
            BaseCounter = info.BaseCounter,
            SampleCount = info.SampleCount,
            BaseTime = info.StartTime,
            BaseDate = info.StartDate,
            SignalCount = info.Leads.Count,
            Signals = info.Leads.Select((lead, i) => Spec(lead, record.Samples[i], storage, datName)).ToArray(),
            Comments = WfdbComments.ForHeader(info.Comments, info.Metadata),
        };
        WfdbHeaderFile.Write(Path.Combine(directory, name + ".hea"), header);

        foreach (var (annotator, annotations) in record.Annotations)
        {
            var ext = annotator.ToLowerInvariant();
            if (!WfdbNames.IsValidRecordName(ext) || ext is "hea" or "dat") continue;
            WfdbAnnotationWriter.Write(Path.Combine(directory, name + "." + ext), annotations);
        }
    }

    private static int ChooseFormat(EcgRecord record, string? requested, string path)
    {
        if (requested is not null)
        {
            if (!int.TryParse(requested, NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code == 0 || !WfdbStorageFormat.TryGet(code, out _))
                throw new SignalFormatException(path, "format", $"'{requested}' is not a WFDB format that can be written ({string.Join(", ", WfdbStorageFormat.Codes)})");
            CheckFits(record, WfdbStorageFormat.Get(code), path);
            return code;
        }
        foreach (var code in Preference)
        {
            var storage = WfdbStorageFormat.Get(code);
            if (record.Samples.All(lead => Array.TrueForAll(lead, storage.CanStore))) return code;
        }
        return 32;
    }

    private static void CheckFits(EcgRecord record, WfdbStorageFormat storage, string path)
    {
        for (var lead = 0; lead < record.Samples.Length; lead++)
        {
            var samples = record.Samples[lead];
            for (var i = 0; i < samples.Length; i++)
            {
                if (!storage.CanStore(samples[i]))
                    throw new SignalFormatException(path, $"signal {lead} format",
                        $"sample {i} is {samples[i]}, outside format {storage.Code}'s range {storage.RawMin + 1}..{storage.RawMax}");
                if (storage.IsDifference && i > 0 && samples[i] - (long)samples[i - 1] is < sbyte.MinValue or > sbyte.MaxValue)
                    throw new SignalFormatException(path, $"signal {lead} format",
                        $"sample {i} differs from the one before by {samples[i] - (long)samples[i - 1]}; format 8 holds steps of -128..127");
            }
        }
    }

    private static WfdbSignalSpec Spec(LeadInfo lead, int[] samples, WfdbStorageFormat storage, string datName)
    {
        long sum = 0;
        foreach (var v in samples) sum += ToRaw(v, storage);
        return new WfdbSignalSpec
        {
            FileName = datName,
            Format = storage.Code,
            Gain = lead.Gain,
            Baseline = lead.Baseline,
            Units = lead.Unit,
            AdcResolution = lead.AdcResolution,
            AdcZero = lead.AdcZero,
            InitialValue = samples.Length > 0 ? ToRaw(samples[0], storage) : lead.AdcZero,
            Checksum = (short)sum,
            Description = lead.Name,
        };
    }

    private static void WriteSignals(EcgRecord record, WfdbStorageFormat storage, string path)
    {
        var leads = record.Samples;
        var frameSize = leads.Length;
        var frames = new int[ChunkFrames * frameSize];
        var bytes = new byte[storage.BytesFor(frames.Length) + 4];
        var previous = leads.Select(l => l.Length > 0 ? ToRaw(l[0], storage) : 0).ToArray();
        try
        {
            using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            for (long first = 0; first < record.Info.SampleCount; first += ChunkFrames)
            {
                var n = (int)Math.Min(ChunkFrames, record.Info.SampleCount - first);
                for (var f = 0; f < n; f++)
                    for (var s = 0; s < frameSize; s++) frames[f * frameSize + s] = ToRaw(leads[s][first + f], storage);
                var span = frames.AsSpan(0, n * frameSize);
                var written = storage.IsDifference
                    ? WfdbSampleEncoder.EncodeDifferences(span, bytes, previous)
                    : WfdbSampleEncoder.Encode(storage.Code, span, bytes);
                stream.Write(bytes, 0, written);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SignalFormatException(path, "signal file", e.Message, e);
        }
    }

    /// <summary>The value stored for a sample: the invalid-sample marker becomes the format's own marker.</summary>
    private static int ToRaw(int value, WfdbStorageFormat storage) =>
        value == WfdbDefaults.InvalidSample && !storage.IsDifference ? storage.InvalidRaw : value;
}
