using System.Buffers.Binary;
using System.Text;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Scp;

/// <summary>What section 1 says about the patient and the acquisition, in the library's terms.</summary>
internal sealed record ScpHeader(Dictionary<string, string> Metadata, DateOnly? Date, TimeOnly? Time, List<string> Comments);

/// <summary>
/// Section 1: a list of tag, 16-bit length, value, ended by tag 255. The tags the library has a place for are read
/// (names, patient id, birth date, sex, acquiring device, institution, technician, sequence number, acquisition date
/// and time, free text); the others are skipped.
/// </summary>
internal static class ScpHeaderTags
{
    private const byte LastName = 0, FirstName = 1, PatientId = 2, BirthDate = 5, Sex = 8, Device = 14, Institution = 16,
        Technician = 22, AcquisitionDate = 25, AcquisitionTime = 26, FreeText = 30, SequenceNumber = 31, End = 255;

    /// <summary>Tag 14's fixed part before its strings (institution … reserved bytes, and the revision-length byte).</summary>
    private const int DeviceFixedLength = 36;

    public static ScpHeader Parse(ReadOnlySpan<byte> body, string path)
    {
        var header = new ScpHeader([], null, null, []);
        string? first = null, last = null;
        var at = 0;
        while (true)
        {
            if (at + 3 > body.Length) throw new SignalFormatException(path, "section 1", "the tags end without the closing tag 255");
            var tag = body[at];
            var length = BinaryPrimitives.ReadUInt16LittleEndian(body[(at + 1)..]);
            if (tag == End) break;
            if (at + 3 + length > body.Length)
                throw new SignalFormatException(path, $"section 1 tag {tag}", $"{length} bytes run past the section's end");
            var value = body.Slice(at + 3, length);
            at += 3 + length;
            switch (tag)
            {
                case LastName: last = Text(value); break;
                case FirstName: first = Text(value); break;
                case PatientId: Put(header, MetadataKeys.PatientId, Text(value)); break;
                case BirthDate: Put(header, MetadataKeys.BirthDate, Date(value, path, "birth date")?.ToString("yyyy-MM-dd")); break;
                case Sex when length >= 1: Put(header, MetadataKeys.Sex, value[0] switch { 1 => "M", 2 => "F", _ => null }); break;
                case Device: Put(header, MetadataKeys.Device, DeviceName(value)); break;
                case Institution: Put(header, MetadataKeys.Site, Text(value)); break;
                case Technician: Put(header, MetadataKeys.Technician, Text(value)); break;
                case SequenceNumber: Put(header, MetadataKeys.RecordingId, Text(value)); break;
                case AcquisitionDate: header = header with { Date = Date(value, path, "acquisition date") }; break;
                case AcquisitionTime: header = header with { Time = Time(value, path) }; break;
                case FreeText when Text(value) is { Length: > 0 } text: header.Comments.Add(text); break;
            }
        }
        var name = string.Join(' ', new[] { first, last }.Where(n => !string.IsNullOrEmpty(n)));
        Put(header, MetadataKeys.PatientName, name);
        return header;
    }

    private static void Put(ScpHeader header, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value)) header.Metadata[key] = value;
    }

    private static string Text(ReadOnlySpan<byte> value)
    {
        var end = value.IndexOf((byte)0);
        return Encoding.Latin1.GetString(end < 0 ? value : value[..end]).Trim();
    }

    private static DateOnly? Date(ReadOnlySpan<byte> value, string path, string what)
    {
        if (value.Length < 4) throw new SignalFormatException(path, $"section 1 {what}", $"{value.Length} bytes, a date has 4");
        var (year, month, day) = (BinaryPrimitives.ReadUInt16LittleEndian(value), value[2], value[3]);
        if (year == 0 && month == 0 && day == 0) return null;
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            throw new SignalFormatException(path, $"section 1 {what}", $"{year}-{month}-{day} is not a date");
        return new DateOnly(year, month, day);
    }

    private static TimeOnly Time(ReadOnlySpan<byte> value, string path)
    {
        if (value.Length < 3) throw new SignalFormatException(path, "section 1 acquisition time", $"{value.Length} bytes, a time has 3");
        if (value[0] > 23 || value[1] > 59 || value[2] > 59)
            throw new SignalFormatException(path, "section 1 acquisition time", $"{value[0]}:{value[1]}:{value[2]} is not a time of day");
        return new TimeOnly(value[0], value[1], value[2]);
    }

    // The 6-byte model description and the manufacturer's name, the last of tag 14's strings.
    private static string? DeviceName(ReadOnlySpan<byte> value)
    {
        if (value.Length < DeviceFixedLength) return null;
        var model = Text(value.Slice(8, 6));
        var strings = value[DeviceFixedLength..];
        var skip = Math.Min(value[35], strings.Length);
        var rest = Encoding.Latin1.GetString(strings[skip..]).Split('\0');
        var manufacturer = rest.Length >= 4 ? rest[3].Trim() : "";
        return string.Join(' ', new[] { manufacturer, model }.Where(s => s.Length > 0));
    }

    public static byte[] Write(RecordInfo info)
    {
        var m = info.Metadata;
        using var bytes = new MemoryStream();
        void Tag(byte tag, ReadOnlySpan<byte> value)
        {
            Span<byte> head = [tag, (byte)value.Length, (byte)(value.Length >> 8)];
            bytes.Write(head);
            bytes.Write(value);
        }
        void TextTag(byte tag, string? text)
        {
            if (text is not null) Tag(tag, [.. Latin1(text, 255), 0]);
        }
        TextTag(LastName, m.GetValueOrDefault(MetadataKeys.PatientName));
        TextTag(PatientId, m.GetValueOrDefault(MetadataKeys.PatientId) ?? "");
        if (DateOnly.TryParseExact(m.GetValueOrDefault(MetadataKeys.BirthDate), "yyyy-MM-dd", out var birth)) Tag(BirthDate, DateBytes(birth));
        if (m.GetValueOrDefault(MetadataKeys.Sex) is { } sex) Tag(Sex, [sex.ToUpperInvariant() switch { "M" => 1, "F" => 2, _ => 0 }]);
        Tag(Device, DeviceBytes(m.GetValueOrDefault(MetadataKeys.Device) ?? ""));
        TextTag(Institution, m.GetValueOrDefault(MetadataKeys.Site));
        TextTag(Technician, m.GetValueOrDefault(MetadataKeys.Technician));
        TextTag(SequenceNumber, m.GetValueOrDefault(MetadataKeys.RecordingId));
        if (info.StartDate is { } date) Tag(AcquisitionDate, DateBytes(date));
        if (info.StartTime is { } time) Tag(AcquisitionTime, [(byte)time.Hour, (byte)time.Minute, (byte)time.Second]);
        Tag(End, []);
        return bytes.ToArray();
    }

    private static byte[] Latin1(string text, int max) => Encoding.Latin1.GetBytes(text.Length > max ? text[..max] : text);

    private static byte[] DateBytes(DateOnly d) => [(byte)d.Year, (byte)(d.Year >> 8), (byte)d.Month, (byte)d.Day];

    // Tag 14 with zero numbers, protocol version 2.0, no model description and the device's name as manufacturer.
    private static byte[] DeviceBytes(string device)
    {
        var fixedPart = new byte[DeviceFixedLength];
        fixedPart[14] = 20;
        return [.. fixedPart, 0, 0, 0, .. Latin1(device, 200), 0];
    }
}
