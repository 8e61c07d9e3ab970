using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Dicom;

/// <summary>
/// One multiplex group of a waveform file as read: its rate, length, channels (as leads), sample encoding and where
/// its waveform data lies in the file. Construction checks every field it uses, naming the item.
/// </summary>
internal sealed class DicomGroup
{
    public required int Number { get; init; }
    public required string? Label { get; init; }
    public required double SamplingFrequency { get; init; }
    public required long SampleCount { get; init; }
    public required IReadOnlyList<LeadInfo> Leads { get; init; }
    public required string Interpretation { get; init; }
    public required int BytesPerSample { get; init; }
    public required long DataOffset { get; init; }
    /// <summary>Multiplex Group Time Offset in milliseconds, when stated.</summary>
    public required double? TimeOffset { get; init; }
    public required string? Originality { get; init; }

    public int Channels => Leads.Count;

    public static DicomGroup Read(DicomDataset item, int number)
    {
        var channels = item.RequiredUInt16(DicomTags.NumberOfChannels);
        if (channels == 0) throw item.Error(DicomTags.NumberOfChannels, "is 0");
        var samples = item.RequiredUInt32(DicomTags.NumberOfSamples);
        var rate = item.RequiredNumber(DicomTags.SamplingFrequency);
        if (!(rate > 0)) throw item.Error(DicomTags.SamplingFrequency, $"{rate} Hz is not a positive rate");
        var definitions = item.Items(DicomTags.ChannelDefinitions);
        if (definitions.Count != channels)
            throw item.Error(DicomTags.ChannelDefinitions, $"has {definitions.Count} items for {channels} channels");
        var bits = item.RequiredUInt16(DicomTags.BitsAllocated);
        var interpretation = item.Required(DicomTags.SampleInterpretation);
        var bytes = (bits, interpretation) switch
        {
            (8, "SB" or "UB") => 1,
            (16, "SS" or "US") => 2,
            (32, "SL") => 4,
            _ => throw item.Error(DicomTags.SampleInterpretation,
                $"{interpretation} with {bits} bits allocated is not supported (SB/UB 8, SS/US 16 or SL 32 bits)"),
        };
        var data = item.RequiredElement(DicomTags.WaveformData);
        if (data.Items is not null) throw item.Error(DicomTags.WaveformData, "is encapsulated (a sequence of fragments), which is not supported");
        var needed = (long)samples * channels * bytes;
        if (data.Length < needed)
            throw new SignalFormatException(item.File, item.Field(DicomTags.WaveformData),
                $"holds {data.Length:N0} bytes; {samples:N0} samples x {channels} channels x {bytes} bytes need {needed:N0}") { Problem = SignalProblem.MissingData };
        return new DicomGroup
        {
            Number = number,
            Label = item.String(DicomTags.MultiplexGroupLabel),
            SamplingFrequency = rate,
            SampleCount = samples,
            Leads = definitions.Select((d, i) => Lead(d, i, bits)).ToArray(),
            Interpretation = interpretation,
            BytesPerSample = bytes,
            DataOffset = data.Offset,
            TimeOffset = item.Number(DicomTags.MultiplexGroupTimeOffset),
            Originality = item.String(DicomTags.WaveformOriginality),
        };
    }

    /// <summary>
    /// Whether <paramref name="next"/> continues this group: same rate, channels, calibration, encoding and
    /// originality (a derived median beat does not continue an original rhythm), and where both state a Multiplex
    /// Group Time Offset, starting where this one ends. The writer states no offset, since without the
    /// Synchronization module the IODs do not allow one.
    /// </summary>
    public bool ContinuesWith(DicomGroup next) =>
        next.SamplingFrequency == SamplingFrequency && next.Interpretation == Interpretation && next.Leads.SequenceEqual(Leads)
        && next.Originality == Originality
        && (TimeOffset is not { } a || next.TimeOffset is not { } b || Math.Abs(b - (a + SampleCount * 1000.0 / SamplingFrequency)) < 500.0 / SamplingFrequency);

    /// <summary>Decodes interleaved samples (sample-major, channel-minor) into <paramref name="target"/> from <paramref name="at"/>.</summary>
    public void Decode(ReadOnlySpan<byte> bytes, int[][] target, int at)
    {
        var frames = bytes.Length / (BytesPerSample * Channels);
        for (var c = 0; c < Channels; c++)
        {
            var lead = target[c].AsSpan(at, frames);
            switch (Interpretation)
            {
                case "SS":
                    var words = MemoryMarshal.Cast<byte, short>(bytes);
                    for (int s = 0, i = c; s < frames; s++, i += Channels) lead[s] = BitConverter.IsLittleEndian ? words[i] : BinaryPrimitives.ReverseEndianness(words[i]);
                    break;
                case "US":
                    for (int s = 0, i = 2 * c; s < frames; s++, i += 2 * Channels) lead[s] = BinaryPrimitives.ReadUInt16LittleEndian(bytes[i..]);
                    break;
                case "SB":
                    for (int s = 0, i = c; s < frames; s++, i += Channels) lead[s] = (sbyte)bytes[i];
                    break;
                case "UB":
                    for (int s = 0, i = c; s < frames; s++, i += Channels) lead[s] = bytes[i];
                    break;
                default:
                    for (int s = 0, i = 4 * c; s < frames; s++, i += 4 * Channels) lead[s] = BinaryPrimitives.ReadInt32LittleEndian(bytes[i..]);
                    break;
            }
        }
    }

    public string Describe(bool read) =>
        $"{Number}{(Label is null ? "" : " " + Label)}: {Channels} channels x {SampleCount:N0} samples at {SamplingFrequency:0.###} Hz, {Interpretation}{(read ? "" : " (not read)")}";

    private static LeadInfo Lead(DicomDataset definition, int index, int bits)
    {
        var source = definition.Items(DicomTags.ChannelSource) is [var s, ..] ? s : null;
        var name = definition.String(DicomTags.ChannelLabel)
                   ?? DicomLeadCodes.Name(source?.String(DicomTags.CodingSchemeDesignator), source?.String(DicomTags.CodeValue))
                   ?? source?.String(DicomTags.CodeMeaning)
                   ?? $"channel {index + 1}";
        var sensitivity = definition.Number(DicomTags.ChannelSensitivity) ?? 1;
        var correction = definition.Number(DicomTags.SensitivityCorrection) ?? 1;
        var scale = sensitivity * correction;
        if (!(double.IsFinite(scale) && double.IsFinite(1 / scale) && scale != 0))
            throw definition.Error(DicomTags.ChannelSensitivity, $"sensitivity {sensitivity} x correction {correction} is not a usable scale");
        var baseline = 0.0 - (definition.Number(DicomTags.ChannelBaseline) ?? 0);
        if (Math.Abs(baseline) > int.MaxValue / 2)
            throw definition.Error(DicomTags.ChannelBaseline, $"{-baseline} is out of range");
        var whole = (int)Math.Floor(baseline + 0.5);
        var unit = definition.Items(DicomTags.ChannelSensitivityUnits) is [var u, ..] ? u.String(DicomTags.CodeValue) : null;
        var stored = definition.UInt16s(DicomTags.ChannelBitsStored) is [var b, ..] && b is > 0 and <= 32 ? b : bits;
        return new LeadInfo
        {
            Name = name,
            Unit = unit is null or "1" ? "" : PhysicalUnits.Normalise(unit),
            Gain = Snap(1 / scale),
            Baseline = whole,
            BaselineFraction = baseline - whole,
            AdcResolution = stored,
        };
    }

    /// <summary>
    /// The gain a decimal-string sensitivity stands for: 1/sensitivity, rounded to 12 significant digits when that
    /// is within a part per billion (0.00997506234414 gives 100.25, not 100.24999999999996).
    /// </summary>
    private static double Snap(double gain)
    {
        var rounded = double.Parse(gain.ToString("G12", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
        return Math.Abs(rounded - gain) <= 1e-9 * Math.Abs(gain) ? rounded : gain;
    }
}
