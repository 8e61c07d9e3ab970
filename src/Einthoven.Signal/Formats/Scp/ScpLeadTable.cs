using System.Buffers.Binary;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Scp;

/// <summary>
/// Section 3: the leads (codes of <see cref="ScpLeadCodes"/>), the sample range each covers, and whether the rhythm
/// data had reference beats subtracted (flag bit 0).
/// </summary>
internal sealed record ScpLeadTable(byte[] Codes, long FirstSample, long LastSample, bool ReferenceBeatSubtracted)
{
    private const int LeadLength = 9;

    public int SampleCount => (int)(LastSample - FirstSample + 1);

    public static ScpLeadTable Parse(ReadOnlySpan<byte> body, string path)
    {
        if (body.Length < 2) throw new SignalFormatException(path, "section 3", "too short for the number of leads");
        int count = body[0];
        if (count == 0) throw new SignalFormatException(path, "section 3 number of leads", "0 leads");
        if (2 + count * LeadLength > body.Length)
            throw new SignalFormatException(path, "section 3 number of leads", $"{count} leads of 9 bytes do not fit the section's {body.Length} bytes");
        var codes = new byte[count];
        long first = 0, last = 0;
        for (var i = 0; i < count; i++)
        {
            var lead = body.Slice(2 + i * LeadLength, LeadLength);
            long start = BinaryPrimitives.ReadUInt32LittleEndian(lead), end = BinaryPrimitives.ReadUInt32LittleEndian(lead[4..]);
            codes[i] = lead[8];
            if (start < 1 || end < start || end - start >= int.MaxValue)
                throw new SignalFormatException(path, $"section 3 lead {i + 1} samples", $"{start} to {end} is not a sample range");
            if (i == 0) (first, last) = (start, end);
            else if ((start, end) != (first, last))
                throw new SignalFormatException(path, $"section 3 lead {i + 1} samples",
                    $"{start} to {end} differs from lead 1's {first} to {last}: leads not recorded together are not read");
        }
        return new ScpLeadTable(codes, first, last, (body[1] & 1) != 0);
    }

    public byte[] Write()
    {
        var bytes = new byte[2 + Codes.Length * LeadLength];
        bytes[0] = (byte)Codes.Length;
        // bit 0: reference beats subtracted; bit 2: all leads recorded together; bits 3-7: how many.
        bytes[1] = (byte)((ReferenceBeatSubtracted ? 1 : 0) | 4 | (Math.Min(Codes.Length, 31) << 3));
        for (var i = 0; i < Codes.Length; i++)
        {
            var at = 2 + i * LeadLength;
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), (uint)FirstSample);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 4), (uint)LastSample);
            bytes[at + 8] = Codes[i];
        }
        return bytes;
    }
}
