using System.Buffers.Binary;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Scp;

/// <summary>One QRS of section 4: its beat type and the residual's samples (1-based) where the reference beat was subtracted.</summary>
internal readonly record struct ScpQrs(int BeatType, long SubtractionStart, long Fiducial, long SubtractionEnd);

/// <summary>
/// Section 4: the length of reference beat 0 in ms, the position of its fiducial (1-based sample), and each QRS
/// complex's subtraction zone; the protected zones that follow (for bimodal compression) are not needed here.
/// </summary>
internal sealed record ScpQrsLocations(int ReferenceLengthMs, int ReferenceFiducial, IReadOnlyList<ScpQrs> Complexes)
{
    private const int FixedLength = 6, QrsLength = 14, ProtectedLength = 8;

    public static ScpQrsLocations Parse(ReadOnlySpan<byte> body, string path)
    {
        if (body.Length < FixedLength) throw new SignalFormatException(path, "section 4", $"{body.Length} bytes, the header has {FixedLength}");
        var lengthMs = BinaryPrimitives.ReadUInt16LittleEndian(body);
        var fiducial = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
        var count = BinaryPrimitives.ReadUInt16LittleEndian(body[4..]);
        if (FixedLength + count * QrsLength > body.Length)
            throw new SignalFormatException(path, "section 4 number of QRS complexes", $"{count} complexes of 14 bytes do not fit the section's {body.Length} bytes");
        var complexes = new ScpQrs[count];
        for (var i = 0; i < count; i++)
        {
            var q = body.Slice(FixedLength + i * QrsLength, QrsLength);
            complexes[i] = new ScpQrs(BinaryPrimitives.ReadUInt16LittleEndian(q), BinaryPrimitives.ReadUInt32LittleEndian(q[2..]),
                BinaryPrimitives.ReadUInt32LittleEndian(q[6..]), BinaryPrimitives.ReadUInt32LittleEndian(q[10..]));
        }
        return new ScpQrsLocations(lengthMs, fiducial, complexes);
    }

    /// <summary>Section 4 with every complex's protected zone equal to its subtraction zone.</summary>
    public byte[] Write()
    {
        var bytes = new byte[FixedLength + Complexes.Count * (QrsLength + ProtectedLength)];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)ReferenceLengthMs);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), (ushort)ReferenceFiducial);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), (ushort)Complexes.Count);
        for (var i = 0; i < Complexes.Count; i++)
        {
            var q = Complexes[i];
            var at = bytes.AsSpan(FixedLength + i * QrsLength);
            BinaryPrimitives.WriteUInt16LittleEndian(at, (ushort)q.BeatType);
            BinaryPrimitives.WriteUInt32LittleEndian(at[2..], (uint)q.SubtractionStart);
            BinaryPrimitives.WriteUInt32LittleEndian(at[6..], (uint)q.Fiducial);
            BinaryPrimitives.WriteUInt32LittleEndian(at[10..], (uint)q.SubtractionEnd);
            var zone = bytes.AsSpan(FixedLength + Complexes.Count * QrsLength + i * ProtectedLength);
            BinaryPrimitives.WriteUInt32LittleEndian(zone, (uint)q.SubtractionStart);
            BinaryPrimitives.WriteUInt32LittleEndian(zone[4..], (uint)q.SubtractionEnd);
        }
        return bytes;
    }
}
