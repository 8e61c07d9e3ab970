using System.Buffers.Binary;
using System.Text;

namespace Einthoven.Signal.Formats.Scp;

/// <summary>Puts sections together into a file: section 0's pointers to sections 0 to 11 and beyond, headers, CRCs.</summary>
internal static class ScpFileLayout
{
    private const byte Version = 20; // SCP-ECG 2.0

    public static byte[] Assemble(IReadOnlyList<(int Id, byte[] Body)> sections)
    {
        var ids = Enumerable.Range(0, 12).Union(sections.Select(s => s.Id)).Order().ToArray();
        var pointers = new byte[ids.Length * 10];
        var framed = sections.OrderBy(s => s.Id).Select(s => (s.Id, Bytes: Frame(s.Id, s.Body))).ToArray();
        var offset = 6 + ScpSections.HeaderLength + pointers.Length;
        var positions = new Dictionary<int, (int Length, int Index)> { [0] = (ScpSections.HeaderLength + pointers.Length, 7) };
        foreach (var (id, bytes) in framed)
        {
            positions[id] = (bytes.Length, offset + 1);
            offset += bytes.Length;
        }
        for (var i = 0; i < ids.Length; i++)
        {
            var (length, index) = positions.GetValueOrDefault(ids[i]);
            BinaryPrimitives.WriteUInt16LittleEndian(pointers.AsSpan(i * 10), (ushort)ids[i]);
            BinaryPrimitives.WriteUInt32LittleEndian(pointers.AsSpan(i * 10 + 2), (uint)length);
            BinaryPrimitives.WriteUInt32LittleEndian(pointers.AsSpan(i * 10 + 6), (uint)index);
        }
        byte[] file = [0, 0, 0, 0, 0, 0, .. Frame(0, pointers), .. framed.SelectMany(f => f.Bytes)];
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(2), (uint)file.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(file, ScpCrc.Compute(file.AsSpan(2)));
        return file;
    }

    // The 16-byte section header (CRC, id, length, section and protocol version, reserved) and the body padded to even length.
    private static byte[] Frame(int id, byte[] body)
    {
        var bytes = new byte[ScpSections.HeaderLength + body.Length + body.Length % 2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), (ushort)id);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)bytes.Length);
        (bytes[8], bytes[9]) = (Version, Version);
        if (id == 0) Encoding.ASCII.GetBytes("SCPECG").CopyTo(bytes, 10);
        body.CopyTo(bytes, ScpSections.HeaderLength);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, ScpCrc.Compute(bytes.AsSpan(2)));
        return bytes;
    }
}
