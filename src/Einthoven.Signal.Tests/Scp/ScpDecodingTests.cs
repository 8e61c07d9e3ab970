using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Scp;
using Einthoven.Signal.Records;
using Einthoven.TestSupport;

namespace Einthoven.Signal.Tests.Scp;

/// <summary>Decoding checked by hand against the standard's default table and reference-beat arithmetic.</summary>
public class ScpDecodingTests
{
    // 0 → 0 | 1 → 100 | -1 → 101 | 8 → 1111111100 | -8 → 1111111101 | 100 → 1111111110 01100100
    // | -1000 → 1111111111 1111110000011000, then zero padding.
    private const string Bits = "0" + "100" + "101" + "1111111100" + "1111111101" + "1111111110" + "01100100" + "1111111111" + "1111110000011000";
    private static readonly int[] Values = [0, 1, -1, 8, -8, 100, -1000];

    private static byte[] Pack(string bits)
    {
        bits = bits.PadRight((bits.Length + 7) / 8 * 8, '0');
        return Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
    }

    [Fact]
    public void The_default_table_decodes_hand_written_codes()
    {
        var decoded = ScpLeadData.Decode(Pack(Bits), [Pack(Bits).Length], Values.Length, [ScpHuffmanTable.Default], ScpDifferences.None, "f", "section 6");
        Assert.Equal(Values, decoded[0]);
    }

    [Fact]
    public void The_writer_produces_the_same_hand_written_codes()
    {
        var (bytes, problem) = ScpLeadData.Encode(Values, ScpDifferences.None, huffman: true);
        Assert.Null(problem);
        Assert.Equal(Pack(Bits), bytes);
    }

    [Fact]
    public void Second_differences_are_summed_back_from_the_first_two_samples()
    {
        // Samples 5, 7, 12, 10: stored as 5, 7, then 12 - 2*7 + 5 = 3 and 10 - 2*12 + 7 = -7.
        var (bytes, _) = ScpLeadData.Encode([5, 7, 12, 10], ScpDifferences.Second, huffman: true);
        Assert.Equal(Pack("1111100" + "111111100" + "11100" + "111111101"), bytes);
        Assert.Equal([5, 7, 12, 10], ScpLeadData.Decode(bytes, [bytes!.Length], 4, [ScpHuffmanTable.Default], ScpDifferences.Second, "f", "s")[0]);
    }

    [Fact]
    public void A_spelled_out_table_stores_its_codes_bit_reversed_as_the_standard_lists_them()
    {
        var section = ScpHuffmanTable.Default.ToSection();
        // Code 2 (value 1, prefix "100"): 3 bits, 3 bits, mode 1, value 1, base code 1 (001 read backwards).
        Assert.Equal(new byte[] { 3, 3, 1, 1, 0, 1, 0, 0, 0 }, section[13..22]);
        var tables = ScpHuffmanTable.Parse(section, "f");
        Assert.Equal(ScpHuffmanTable.Default.Codes, tables[0].Codes);
    }

    [Fact]
    public void A_table_with_overlapping_codes_is_refused()
    {
        var section = ScpHuffmanTable.Default.ToSection();
        (section[4], section[5]) = (2, 2); // code 1 ("0") becomes "00"
        section[13 + 5] = 0; // code 2 ("100") becomes "000", which begins with "00"
        var error = Assert.Throws<SignalFormatException>(() => ScpHuffmanTable.Parse(section, "f"));
        Assert.Equal("section 2 table 1", error.Field);
        Assert.Contains("overlap", error.Reason);
    }

    [Fact]
    public void A_table_switch_code_moves_decoding_to_the_other_table()
    {
        // Table 1: "0" → value 0, "1" → switch to table 2. Table 2: "0" → value 5, "1" → switch to table 1.
        ScpCode[] one = [new(1, 1, false, 0, 0), new(1, 1, true, 2, 1)];
        ScpCode[] two = [new(1, 1, false, 5, 0), new(1, 1, true, 1, 1)];
        var tables = new[] { new ScpHuffmanTable(one), new ScpHuffmanTable(two) };
        var bytes = Pack("0" + "1" + "0" + "0" + "1" + "0");
        Assert.Equal([0, 5, 5, 0], ScpLeadData.Decode(bytes, [1], 4, tables, ScpDifferences.None, "f", "s")[0]);
    }

    [Fact]
    public void The_reference_beat_is_added_back_over_each_type_0_zone_aligned_on_its_fiducial()
    {
        int[][] residual = [[1, 1, 1, 1, 1, 1, 1, 1, 1, 1]];
        int[][] beat = [[10, 20, 30, 40]]; // fiducial at its sample 2 (value 20)
        var qrs = new ScpQrsLocations(8, 2, [new ScpQrs(0, 2, 3, 4), new ScpQrs(1, 6, 7, 8), new ScpQrs(0, 8, 8, 10)]);
        ScpReferenceBeat.Add(residual, beat, qrs, 1, "f");
        // Zone 1: samples 2..4 around fiducial 3 get beat samples 1..3; zone 2 has beat type 1 (not subtracted);
        // zone 3: samples 8..10 around fiducial 8 get beat samples 2..4.
        Assert.Equal([1, 11, 21, 31, 1, 1, 1, 21, 31, 41], residual[0]);
    }

    [Fact]
    public void A_zone_reaching_past_the_reference_beat_is_refused_naming_the_qrs()
    {
        int[][] residual = [new int[10]];
        var qrs = new ScpQrsLocations(8, 2, [new ScpQrs(0, 1, 5, 9)]);
        var error = Assert.Throws<SignalFormatException>(() => ScpReferenceBeat.Add(residual, [[1, 2, 3, 4]], qrs, 1, "f"));
        Assert.Equal("section 4 QRS 1", error.Field);
    }

    [Fact]
    public void A_real_record_with_reference_beats_from_its_annotations_reads_back_exactly()
    {
        using var source = RecordFiles.Open(TestData.MitDbRecord("100"));
        var record = RecordFiles.ReadAll(new RecordSlice(source, 0, 3600 * 3));
        var beats = record.Annotations["atr"].Where(a => a.Code == AnnotationCodes.Normal).Select(a => a.Sample).ToArray();
        var subtracted = ScpRecords.Write(record, ScpWriteOptions.Default with { QrsFiducials = beats });
        var back = RecordFiles.Read(subtracted);
        Assert.Equal(ScpRecords.Relative(record), back.Samples);
        Assert.Equal("Huffman (default table), second differences, reference beat subtraction", back.Info.Metadata[ScpFormat.EncodingKey]);
    }
}
