using System.Buffers.Binary;
using System.Globalization;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Edf;

/// <summary>
/// Writes a record as EDF+C: one 16-bit signal per lead plus an "EDF Annotations" signal holding the time-keeping
/// annotation of every data record and the record's annotations (all sets merged, since EDF+ has one list).
/// EDF stores whole data records, so a length that no record size divides is padded by repeating the last sample.
/// Header comments have no place in EDF and are not written.
/// </summary>
internal static class EdfWriter
{
    public static void Write(EcgRecord record, string path)
    {
        var info = record.Info;
        if (info.Leads.Count == 0)
            throw new ArgumentException($"record '{info.Name}' has no leads; EDF needs at least one signal", nameof(record));
        var (spr, duration) = EdfRecordLayout.Choose(info.SamplingFrequency, info.SampleCount);
        var recordCount = (info.SampleCount + spr - 1) / spr;
        var scalings = info.Leads.Select((lead, i) => EdfScaling.For(lead, record.Samples[i])).ToArray();
        var startTime = info.StartTime ?? TimeOnly.MinValue;
        var firstOnset = (decimal)(startTime.Ticks % TimeSpan.TicksPerSecond) / TimeSpan.TicksPerSecond;
        var annotations = AnnotationBytes(record, spr, recordCount, duration, firstOnset);
        var annotationSamples = Math.Max(1, (annotations.Max(a => a.Length) + 1) / 2);

        var header = new EdfHeader
        {
            Patient = EdfIdentification.WritePatient(info.Metadata),
            Recording = EdfIdentification.WriteRecording(info.StartDate, info.Metadata),
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
        for (long r = 0; r < recordCount; r++)
        {
            Array.Clear(buffer);
            var pos = 0;
            for (var lead = 0; lead < scalings.Length; lead++)
            {
                var samples = record.Samples[lead];
                for (var i = 0; i < spr; i++, pos += 2)
                {
                    var index = Math.Min(r * spr + i, samples.LongLength - 1);
                    BinaryPrimitives.WriteInt16LittleEndian(buffer.AsSpan(pos), scalings[lead].Encode(samples[index]));
                }
            }
            annotations[r].CopyTo(buffer, pos);
            stream.Write(buffer);
        }
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
    private static byte[][] AnnotationBytes(EcgRecord record, int spr, long recordCount, decimal duration, decimal firstOnset)
    {
        var fs = record.Info.SamplingFrequency;
        var perRecord = new List<byte[]>[Math.Max(recordCount, 1)];
        for (long r = 0; r < perRecord.Length; r++)
            perRecord[r] = [new EdfTal(firstOnset + r * duration, null, [""]).Encode()];
        var all = record.Annotations.Values.SelectMany(a => a).OrderBy(a => a.Sample);
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
