using System.Buffers.Binary;
using System.Globalization;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Edf;

/// <summary>
/// Writes a record as EDF+C: one 16-bit signal per lead plus an "EDF Annotations" signal holding the time-keeping
/// annotation of every data record and the record's annotations (all sets merged, since EDF+ has one list).
/// EDF stores whole data records, so a length that no record size divides is padded by repeating the last sample,
/// and the true length is stated in the recording field (see <see cref="EdfIdentification"/>). Header comments have
/// no place in EDF and are not written.
/// </summary>
internal static class EdfWriter
{
    public static void Write(ISignalReader source, string path)
    {
        var info = source.Info;
        if (info.Leads.Count == 0)
            throw new ArgumentException($"record '{info.Name}' has no leads; EDF needs at least one signal", nameof(source));
        var (spr, duration) = EdfRecordLayout.Choose(info.SamplingFrequency, info.SampleCount);
        var recordCount = (info.SampleCount + spr - 1) / spr;
        var ranges = Ranges(source);
        var scalings = info.Leads.Select((lead, i) => EdfScaling.For(lead, ranges[i])).ToArray();
        var startTime = info.StartTime ?? TimeOnly.MinValue;
        var firstOnset = (decimal)(startTime.Ticks % TimeSpan.TicksPerSecond) / TimeSpan.TicksPerSecond;
        var annotations = AnnotationBytes(source, spr, recordCount, duration, firstOnset);
        var annotationSamples = Math.Max(1, (annotations.Max(a => a.Length) + 1) / 2);

        var header = new EdfHeader
        {
            Patient = EdfIdentification.WritePatient(info.Metadata),
            Recording = EdfIdentification.WriteRecording(info.StartDate, info.Metadata,
                info.SampleCount % spr == 0 ? null : info.SampleCount),
            StartDate = HeaderDate(info.StartDate),
            StartTime = startTime.ToString("HH.mm.ss", CultureInfo.InvariantCulture),
            Reserved = "EDF+C",
            RecordCount = recordCount,
            RecordDuration = duration,
            Signals = [.. info.Leads.Select((lead, i) => Signal(lead, scalings[i], spr)), new EdfSignal
            {
                Label = EdfHeader.AnnotationLabel, PhysicalMin = -1, PhysicalMax = 1, DigitalMin = short.MinValue,
                DigitalMax = short.MaxValue, SamplesPerRecord = annotationSamples,
            }],
        };

        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        stream.Write(EdfHeaderWriter.Write(header));
        var buffer = new byte[header.RecordBytes];
        var recordsPerWindow = Math.Max(1, SignalWindows.LengthFor(info) / spr);
        foreach (var block in SignalWindows.Of(source, recordsPerWindow * spr))
        {
            for (var r = block.Start / spr; r * spr < block.Start + block.Length; r++)
            {
                Array.Clear(buffer);
                var pos = 0;
                for (var lead = 0; lead < scalings.Length; lead++)
                {
                    var samples = block.Samples[lead];
                    for (var i = 0; i < spr; i++, pos += 2)
                    {
                        // The last data record is padded by repeating the record's last sample.
                        var index = Math.Min(r * spr + i - block.Start, samples.Length - 1);
                        BinaryPrimitives.WriteInt16LittleEndian(buffer.AsSpan(pos), scalings[lead].Encode(samples[index]));
                    }
                }
                annotations[r].CopyTo(buffer, pos);
                stream.Write(buffer);
            }
        }
    }

    /// <summary>The smallest and largest sample of every lead (null for a lead without samples): a first pass over the record.</summary>
    private static (int Min, int Max)?[] Ranges(ISignalReader source)
    {
        var ranges = new (int Min, int Max)?[source.Info.Leads.Count];
        foreach (var block in SignalWindows.Of(source))
            for (var lead = 0; lead < ranges.Length; lead++)
            {
                var samples = block.Samples[lead];
                if (samples.Length == 0) continue;
                var (min, max) = (samples.Min(), samples.Max());
                ranges[lead] = ranges[lead] is { } r ? (Math.Min(r.Min, min), Math.Max(r.Max, max)) : (min, max);
            }
        return ranges;
    }

    private static EdfSignal Signal(LeadInfo lead, EdfScaling scaling, int spr) => new()
    {
        Label = lead.Name, Dimension = PhysicalUnits.Ascii(lead.Unit), PhysicalMin = scaling.PhysicalMin,
        PhysicalMax = scaling.PhysicalMax, DigitalMin = scaling.DigitalMin, DigitalMax = scaling.DigitalMax,
        SamplesPerRecord = spr,
    };

    /// <summary>The EDF+ header date; years EDF's two digits cannot hold are written "yy" (the recording field has them).</summary>
    private static string HeaderDate(DateOnly? date) => date switch
    {
        { Year: >= 1985 and <= 2084 } d => d.ToString("dd.MM.yy", CultureInfo.InvariantCulture),
        { } d => d.ToString("dd.MM", CultureInfo.InvariantCulture) + ".yy",
        null => "01.01.85",
    };

    /// <summary>The bytes of the annotation signal of every data record: its time-keeping TAL, then the TALs whose onset it covers.</summary>
    private static byte[][] AnnotationBytes(ISignalReader source, int spr, long recordCount, decimal duration, decimal firstOnset)
    {
        var fs = source.Info.SamplingFrequency;
        var perRecord = new List<byte[]>[Math.Max(recordCount, 1)];
        for (long r = 0; r < perRecord.Length; r++)
            perRecord[r] = [new EdfTal(firstOnset + r * duration, null, [""]).Encode()];
        var all = SignalWindows.Annotations(source).SelectMany(set => set.Annotations).OrderBy(a => a.Sample);
        foreach (var annotation in all)
        {
            var (text, length) = EdfAnnotationText.Write(annotation);
            var r = Math.Clamp(annotation.Sample / spr, 0, perRecord.Length - 1);
            perRecord[r].Add(new EdfTal(firstOnset + Onset(annotation.Sample, fs), length, [text]).Encode());
        }
        return [.. perRecord.Select(list => list.SelectMany(b => b).ToArray())];
    }

    /// <summary>The shortest decimal number of seconds that reads back as the same sample.</summary>
    private static decimal Onset(long sample, double fs)
    {
        var exact = sample / (decimal)fs;
        for (var decimals = 0; decimals < 20; decimals++)
        {
            var rounded = Math.Round(exact, decimals, MidpointRounding.AwayFromZero);
            if (EdfTimeline.ToSample(rounded, fs) == sample) return rounded;
        }
        return exact;
    }
}
