using System.Buffers.Binary;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Scp;

/// <summary>
/// The frame of an SCP-ECG file: the file CRC and length, section 0's pointers and each section's 16-byte header
/// with its own CRC. Gives each present section's body (the bytes after its header).
/// </summary>
internal sealed class ScpSections
{
    public const int HeaderLength = 16;
    private const int PointerLength = 10;

    private readonly Dictionary<int, ReadOnlyMemory<byte>> _bodies;

    private ScpSections(Dictionary<int, ReadOnlyMemory<byte>> bodies) => _bodies = bodies;

    public ReadOnlyMemory<byte>? Body(int id) => _bodies.TryGetValue(id, out var b) ? b : (ReadOnlyMemory<byte>?)null;

    public static ScpSections Parse(byte[] file, string path)
    {
        if (file.Length < 6 + HeaderLength)
            throw new SignalFormatException(path, "file length", $"{file.Length} bytes is too short for an SCP-ECG file");
        var claimed = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(2));
        if (claimed != file.Length)
            throw new SignalFormatException(path, "file length", $"the file says {claimed} bytes, it has {file.Length}");
        var crc = BinaryPrimitives.ReadUInt16LittleEndian(file);
        var actual = ScpCrc.Compute(file.AsSpan(2));
        if (crc != actual)
            throw new SignalFormatException(path, "file CRC", $"stored 0x{crc:X4}, computed 0x{actual:X4}: the file is damaged");

        var section0 = Section(file, path, 0, 6, file.Length - 6);
        var bodies = new Dictionary<int, ReadOnlyMemory<byte>> { [0] = section0 };
        var pointers = section0.Span;
        if (pointers.Length % PointerLength != 0 || pointers.Length < 12 * PointerLength)
            throw new SignalFormatException(path, "section 0", $"{pointers.Length} bytes of pointers is not the 12 or more 10-byte pointers the standard requires");
        for (var at = 0; at < pointers.Length; at += PointerLength)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(pointers[at..]);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(pointers[(at + 2)..]);
            var index = BinaryPrimitives.ReadUInt32LittleEndian(pointers[(at + 6)..]);
            if (id == 0 || length == 0) continue;
            if (bodies.ContainsKey(id))
                throw new SignalFormatException(path, $"section 0 pointer {at / PointerLength}", $"section {id} is listed twice");
            if (index < 1 || index - 1 > (uint)file.Length || length > (uint)file.Length - (index - 1))
                throw new SignalFormatException(path, $"section 0 pointer to section {id}", $"{length} bytes at byte {index} lie outside the {file.Length}-byte file");
            bodies[id] = Section(file, path, id, (int)(index - 1), (int)length);
        }
        return new ScpSections(bodies);
    }

    private static ReadOnlyMemory<byte> Section(byte[] file, string path, int id, int offset, int maxLength)
    {
        var field = $"section {id}";
        if (maxLength < HeaderLength || offset + HeaderLength > file.Length)
            throw new SignalFormatException(path, field, "too short for a section header");
        var header = file.AsSpan(offset, HeaderLength);
        var storedId = BinaryPrimitives.ReadUInt16LittleEndian(header[2..]);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        if (storedId != id)
            throw new SignalFormatException(path, field, $"the section header says it is section {storedId}");
        if (length < HeaderLength || length > (uint)maxLength)
            throw new SignalFormatException(path, $"{field} length", $"{length} bytes does not fit the {maxLength} bytes the pointer allows");
        var crc = BinaryPrimitives.ReadUInt16LittleEndian(header);
        var actual = ScpCrc.Compute(file.AsSpan(offset + 2, (int)length - 2));
        if (crc != actual)
            throw new SignalFormatException(path, $"{field} CRC", $"stored 0x{crc:X4}, computed 0x{actual:X4}: the section is damaged");
        return file.AsMemory(offset + HeaderLength, (int)length - HeaderLength);
    }
}
