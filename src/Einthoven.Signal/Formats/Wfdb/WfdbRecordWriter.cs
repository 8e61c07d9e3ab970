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
        using var source = new InMemoryReader(record);
        Write(source, path, format);
    }

    /// <summary>Writes the record <paramref name="source"/> reads, window by window (a first pass chooses or checks the format).</summary>
    public static void Write(ISignalReader source, string path, string? format = null)
    {
        var (directory, name) = WfdbNames.Split(path, [".hea", ".dat", ".mat"]);
        if (!WfdbNames.IsValidRecordName(name))
            throw new SignalFormatException(path, "record name", $"'{name}' may only hold letters, digits, '_', '-' and '.'");
        var info = source.Info;
        if (!(info.SamplingFrequency > 0) || !double.IsFinite(info.SamplingFrequency))
            throw new SignalFormatException(path, "sampling frequency", $"{info.SamplingFrequency} is not a positive number");
        Directory.CreateDirectory(directory);
        var datName = name + ".dat";
        var storage = WfdbStorageFormat.Get(ChooseFormat(source, format, path));
        var datPath = Path.Combine(directory, datName);
        var sums = info.Leads.Count > 0 ? WriteSignals(source, storage, datPath) : [];

        var signals = info.Leads.Select((lead, i) => Spec(lead, sums[i], storage, datName)).ToArray();
        var header = WfdbRecordInfo.ToHeader(info, name, signals);
        WfdbHeaderFile.Write(Path.Combine(directory, name + ".hea"), header);

        foreach (var annotator in source.Annotators)
        {
            var ext = annotator.ToLowerInvariant();
            if (!WfdbNames.IsValidRecordName(ext) || ext is "hea" or "dat") continue;
            WfdbAnnotationWriter.Write(Path.Combine(directory, name + "." + ext), source.ReadAnnotations(annotator));
        }
    }

    private static int ChooseFormat(ISignalReader source, string? requested, string path)
    {
        if (requested is not null)
        {
            if (!int.TryParse(requested, NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code == 0 || !WfdbStorageFormat.TryGet(code, out _))
                throw new SignalFormatException(path, "format", $"'{requested}' is not a WFDB format that can be written ({string.Join(", ", WfdbStorageFormat.Codes)})");
            CheckFits(source, WfdbStorageFormat.Get(code), path);
            return code;
        }
        var candidates = Preference.Select(WfdbStorageFormat.Get).ToList();
        foreach (var block in SignalWindows.Of(source))
            candidates.RemoveAll(storage => !block.Samples.All(lead => Array.TrueForAll(lead, storage.CanStore)));
        return candidates.Count > 0 ? candidates[0].Code : 32;
    }

    /// <summary>Throws for the first sample (lead by lead) the format cannot hold.</summary>
    private static void CheckFits(ISignalReader source, WfdbStorageFormat storage, string path)
    {
        var errors = new string?[source.Info.Leads.Count];
        var previous = new int[errors.Length];
        foreach (var block in SignalWindows.Of(source))
            for (var lead = 0; lead < errors.Length; lead++)
            {
                var samples = block.Samples[lead];
                for (var i = 0; i < samples.Length && errors[lead] is null; i++)
                {
                    var index = block.Start + i;
                    if (!storage.CanStore(samples[i]))
                        errors[lead] = $"sample {index} is {samples[i]}, outside format {storage.Code}'s range {storage.RawMin + 1}..{storage.RawMax}";
                    else if (storage.IsDifference && index > 0 && samples[i] - (long)previous[lead] is < sbyte.MinValue or > sbyte.MaxValue)
                        errors[lead] = $"sample {index} differs from the one before by {samples[i] - (long)previous[lead]}; format 8 holds steps of -128..127";
                    previous[lead] = samples[i];
                }
            }
        for (var lead = 0; lead < errors.Length; lead++)
            if (errors[lead] is { } reason) throw new SignalFormatException(path, $"signal {lead} format", reason);
    }

    private static WfdbSignalSpec Spec(LeadInfo lead, (long Sum, int? First) raw, WfdbStorageFormat storage, string datName) => new()
    {
        FileName = datName,
        Format = storage.Code,
        Gain = lead.Gain,
        Baseline = lead.Baseline,
        Units = lead.Unit,
        AdcResolution = lead.AdcResolution,
        AdcZero = lead.AdcZero,
        InitialValue = raw.First ?? lead.AdcZero,
        Checksum = (short)raw.Sum,
        Description = lead.Name,
    };

    /// <summary>Writes the signal file; returns each lead's sum of stored values (the checksum) and first stored value.</summary>
    private static (long Sum, int? First)[] WriteSignals(ISignalReader source, WfdbStorageFormat storage, string path)
    {
        var frameSize = source.Info.Leads.Count;
        var frames = new int[ChunkFrames * frameSize];
        var bytes = new byte[storage.BytesFor(frames.Length) + 4];
        var raw = new (long Sum, int? First)[frameSize];
        int[]? previous = null;
        try
        {
            using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            foreach (var block in SignalWindows.Of(source, ChunkFrames))
            {
                var n = block.Length;
                for (var f = 0; f < n; f++)
                    for (var s = 0; s < frameSize; s++) frames[f * frameSize + s] = ToRaw(block.Samples[s][f], storage);
                for (var s = 0; s < frameSize; s++)
                {
                    raw[s].First ??= frames[s];
                    for (var f = 0; f < n; f++) raw[s].Sum += frames[f * frameSize + s];
                }
                previous ??= frames[..frameSize];
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
        return raw;
    }

    /// <summary>The value stored for a sample: the invalid-sample marker becomes the format's own marker.</summary>
    private static int ToRaw(int value, WfdbStorageFormat storage) =>
        value == WfdbDefaults.InvalidSample && !storage.IsDifference ? storage.InvalidRaw : value;
}
