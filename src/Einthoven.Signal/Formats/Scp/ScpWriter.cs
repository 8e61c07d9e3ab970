using System.Buffers.Binary;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Scp;

/// <summary>
/// Writes SCP-ECG (protocol version 2.0): sections 0, 1, 3 and 6, section 2 when Huffman-coding, and 4 and 5 with
/// reference-beat subtraction. All leads share one amplitude multiplier: when the leads' steps are equal whole
/// nanovolts the samples are kept exactly, otherwise they are rescaled to the finest step (within half a step).
/// </summary>
public static class ScpWriter
{
    private const int MaxLeadBytes = ushort.MaxValue;

    public static void Write(ISignalReader source, string path, ScpWriteOptions options)
    {
        // Refused before any sample is read: even at one bit per sample a lead's 65535 bytes hold no more.
        var most = options.Huffman ? MaxLeadBytes * 8L : MaxLeadBytes / 2;
        if (source.Info.SampleCount > most)
            throw new SignalFormatException(path, "length",
                $"{source.Info.SampleCount} samples per lead; SCP-ECG allows {MaxLeadBytes} bytes per lead, at most {most} samples: write a shorter excerpt (SCP-ECG is for resting ECGs)");
        var record = RecordFiles.ReadAll(source);
        var info = record.Info;
        if (info.Leads.Count is 0 or > 255)
            throw new SignalFormatException(path, "number of signals", $"{info.Leads.Count} leads; SCP-ECG holds 1 to 255");
        if (info.SampleCount == 0) throw new SignalFormatException(path, "length", "no samples; SCP-ECG needs at least one");
        var interval = Math.Round(1e6 / info.SamplingFrequency);
        if (interval is < 1 or > ushort.MaxValue)
            throw new SignalFormatException(path, "sampling frequency", $"{info.SamplingFrequency} Hz is a sample interval of {interval} µs; SCP-ECG holds 1 to 65535 µs");
        var (avm, samples) = Scale(record, path);
        var differences = (ScpDifferences)options.Differences;

        var sections = new List<(int Id, byte[] Body)> { (1, ScpHeaderTags.Write(info)) };
        if (options.Huffman) sections.Add((2, options.SpellOutTable ? ScpHuffmanTable.Default.ToSection() : [0x1F, 0x4E])); // 19999
        var subtracted = options.QrsFiducials is { Count: > 0 };
        sections.Add((3, new ScpLeadTable(info.Leads.Select(l => ScpLeadCodes.Code(l.Name)).ToArray(), 1, info.SampleCount, subtracted).Write()));
        if (subtracted)
        {
            var (beat, qrs) = ReferenceBeat(samples, options, (int)interval);
            foreach (var q in qrs.Complexes)
                for (var lead = 0; lead < samples.Length; lead++)
                    for (var s = q.SubtractionStart; s <= q.SubtractionEnd; s++)
                        samples[lead][s - 1] -= beat[lead][s - q.Fiducial + qrs.ReferenceFiducial - 1];
            sections.Add((4, qrs.Write()));
            sections.Add((5, ScpSampleSection.Write(avm, (int)interval, differences, Encode(beat, differences, options.Huffman, path, "reference beat"))));
        }
        sections.Add((6, ScpSampleSection.Write(avm, (int)interval, differences, Encode(samples, differences, options.Huffman, path, "rhythm data"))));
        File.WriteAllBytes(path, ScpFileLayout.Assemble(sections));
    }

    /// <summary>The amplitude multiplier in nV and each lead's values at it, relative to the lead's zero.</summary>
    private static (int Avm, int[][] Samples) Scale(EcgRecord record, string path)
    {
        var leads = record.Info.Leads;
        var steps = leads.Select((l, i) => 1e6 * VoltsPerUnitInMillivolts(l, path, i) / l.Gain).ToArray();
        var exact = Math.Round(steps[0]);
        if (steps.All(s => Math.Abs(s - exact) <= 1e-9 * exact) && exact is >= 1 and <= ushort.MaxValue && leads.All(l => l.BaselineFraction == 0))
            return ((int)exact, record.Samples.Select((lead, i) => lead.Select(v => v - leads[i].Baseline).ToArray()).ToArray());
        var avm = (int)Math.Clamp(Math.Round(steps.Min()), 1, ushort.MaxValue);
        return (avm, record.Samples.Select((lead, i) => lead.Select(v =>
        {
            var scaled = Math.Round(leads[i].ToPhysical(v) * VoltsPerUnitInMillivolts(leads[i], path, i) * 1e6 / avm);
            return scaled is >= int.MinValue / 4 and <= int.MaxValue / 4 ? (int)scaled
                : throw new SignalFormatException(path, $"signal {i} values", $"{leads[i].ToPhysical(v)} {leads[i].Unit} is beyond SCP-ECG's 16-bit range at {avm} nV");
        }).ToArray()).ToArray());
    }

    private static double VoltsPerUnitInMillivolts(LeadInfo lead, string path, int index) => PhysicalUnits.Normalise(lead.Unit) switch
    {
        "mV" => 1,
        "uV" => 1e-3,
        "V" => 1e3,
        _ => throw new SignalFormatException(path, $"signal {index} unit", $"'{lead.Unit}' is not a voltage; SCP-ECG holds ECG voltages only"),
    };

    private static (int[][] Beat, ScpQrsLocations Qrs) ReferenceBeat(int[][] samples, ScpWriteOptions options, int interval)
    {
        var before = (int)Math.Round(options.BeatBeforeMs * 1000 / interval);
        var after = (int)Math.Round(options.BeatAfterMs * 1000 / interval);
        // Section 4 gives the beat's length in whole ms: lengthen it until that length gives back its sample count.
        while (ScpReferenceBeat.Samples((int)Math.Round((before + after + 1) * (double)interval / 1000), interval) != before + after + 1) after++;
        return ScpReferenceBeat.Build(samples, options.QrsFiducials!, before, after, interval);
    }

    private static byte[][] Encode(int[][] leads, ScpDifferences differences, bool huffman, string path, string what) =>
        leads.Select((lead, i) =>
        {
            var (bytes, problem) = ScpLeadData.Encode(lead, differences, huffman);
            if (bytes is null)
                throw new SignalFormatException(path, $"signal {i} {what}", $"{problem} (choose no differences, or a coarser gain)");
            if (bytes.Length > MaxLeadBytes)
                throw new SignalFormatException(path, "length",
                    $"lead {i + 1}'s {what} needs {bytes.Length} bytes, SCP-ECG allows {MaxLeadBytes} bytes per lead: write a shorter excerpt (SCP-ECG is for resting ECGs)");
            return bytes;
        }).ToArray();
}
