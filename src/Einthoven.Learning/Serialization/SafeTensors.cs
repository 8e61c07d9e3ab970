using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Einthoven.Learning.Tensors;

namespace Einthoven.Learning.Serialization;

/// <summary>The tensors and metadata of a .safetensors file, in file order.</summary>
public sealed record SafeTensorsContent(IReadOnlyList<(string Name, Tensor Tensor)> Tensors, IReadOnlyDictionary<string, string> Metadata)
{
    public Tensor? Find(string name) => Tensors.FirstOrDefault(t => t.Name == name).Tensor;
}

/// <summary>
/// Reads and writes the safetensors format: an 8-byte little-endian header length, a JSON header mapping each
/// tensor name to {dtype, shape, data_offsets} (plus an optional "__metadata__" string map), then the raw
/// little-endian data. Only F32 tensors are supported. Reading checks every field and rejects offsets out of range,
/// overlaps and holes, so a damaged file fails with a <see cref="ModelFormatException"/> instead of loading garbage.
/// </summary>
public static class SafeTensors
{
    private const string MetadataKey = "__metadata__";
    private const long MaxHeaderLength = 100L << 20;

    public static void Write(string path, IEnumerable<(string Name, Tensor Tensor)> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary)) Write(stream, tensors, metadata);
        File.Move(temporary, path, overwrite: true);
    }

    public static void Write(Stream stream, IEnumerable<(string Name, Tensor Tensor)> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var list = tensors.ToList();
        var header = new Dictionary<string, object>();
        if (metadata is { Count: > 0 }) header[MetadataKey] = metadata;
        long offset = 0;
        foreach (var (name, tensor) in list)
        {
            if (name == MetadataKey || !header.TryAdd(name, new { dtype = "F32", shape = tensor.Shape, data_offsets = new[] { offset, offset + 4L * tensor.Length } }))
                throw new ArgumentException($"duplicate or reserved tensor name '{name}'");
            offset += 4L * tensor.Length;
        }
        var json = JsonSerializer.SerializeToUtf8Bytes(header);
        // Pad the header with spaces so the data starts 8-byte aligned, as the reference implementation does.
        var padded = (json.Length + 7) / 8 * 8;
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
        stream.Write(length);
        stream.Write(json);
        for (var i = json.Length; i < padded; i++) stream.WriteByte((byte)' ');
        foreach (var (_, tensor) in list) WriteFloats(stream, tensor.Data);
    }

    public static SafeTensorsContent Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Read(stream, path);
        }
        catch (IOException e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ModelFormatException(path, "file", "not found", e);
        }
    }

    public static SafeTensorsContent Read(Stream stream, string file)
    {
        Span<byte> prefix = stackalloc byte[8];
        if (stream.ReadAtLeast(prefix, 8, throwOnEndOfStream: false) < 8)
            throw new ModelFormatException(file, "header length", "file is shorter than the 8-byte header length");
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        var available = stream.CanSeek ? stream.Length - 8 : long.MaxValue;
        if (headerLength == 0 || headerLength > MaxHeaderLength || (long)headerLength > available)
            throw new ModelFormatException(file, "header length", $"{headerLength} bytes does not fit the file");
        var headerBytes = new byte[headerLength];
        if (stream.ReadAtLeast(headerBytes, headerBytes.Length, throwOnEndOfStream: false) < headerBytes.Length)
            throw new ModelFormatException(file, "header", "file ends inside the JSON header");
        var entries = ParseHeader(headerBytes, file, out var metadata);
        var dataLength = stream.CanSeek ? stream.Length - 8 - (long)headerLength : entries.Select(e => e.End).DefaultIfEmpty(0).Max();
        CheckLayout(entries, dataLength, file);
        var tensors = new List<(string, Tensor)>();
        foreach (var entry in entries.OrderBy(e => e.Begin))
        {
            var tensor = new Tensor(entry.Shape);
            ReadFloats(stream, tensor.Data, file, entry.Name);
            tensors.Add((entry.Name, tensor));
        }
        return new SafeTensorsContent(tensors, metadata);
    }

    private sealed record Entry(string Name, int[] Shape, long Begin, long End);

    private static List<Entry> ParseHeader(byte[] bytes, string file, out Dictionary<string, string> metadata)
    {
        metadata = [];
        JsonDocument document;
        try { document = JsonDocument.Parse(bytes.AsMemory().TrimEnd((byte)' ')); }
        catch (JsonException e) { throw new ModelFormatException(file, "header", "not valid JSON: " + e.Message, e); }
        using var _ = document;
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new ModelFormatException(file, "header", "the JSON header is not an object");
        var entries = new List<Entry>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Name == MetadataKey)
            {
                metadata = ParseMetadata(property.Value, file);
                continue;
            }
            entries.Add(ParseEntry(property.Name, property.Value, file));
        }
        return entries;
    }

    private static Dictionary<string, string> ParseMetadata(JsonElement element, string file)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new ModelFormatException(file, MetadataKey, "must be an object of strings");
        var result = new Dictionary<string, string>();
        foreach (var item in element.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
                throw new ModelFormatException(file, $"{MetadataKey}.{item.Name}", "metadata values must be strings");
            result[item.Name] = item.Value.GetString()!;
        }
        return result;
    }

    private static Entry ParseEntry(string name, JsonElement element, string file)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new ModelFormatException(file, name, "tensor entry is not an object");
        if (!element.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String)
            throw new ModelFormatException(file, $"{name}.dtype", "missing");
        if (dtype.GetString() != "F32")
            throw new ModelFormatException(file, $"{name}.dtype", $"'{dtype.GetString()}' is not supported; weights must be F32");
        var shape = ReadIntegers(element, "shape", name, file);
        var offsets = ReadIntegers(element, "data_offsets", name, file);
        if (offsets.Length != 2) throw new ModelFormatException(file, $"{name}.data_offsets", "must hold exactly [begin, end]");
        long count = 1;
        foreach (var d in shape)
        {
            if (d < 0 || d > int.MaxValue) throw new ModelFormatException(file, $"{name}.shape", $"dimension {d} is out of range");
            count *= d;
            if (count > Array.MaxLength) throw new ModelFormatException(file, $"{name}.shape", "tensor is too large");
        }
        if (shape.Length == 0) throw new ModelFormatException(file, $"{name}.shape", "scalars are not supported; use shape [1]");
        if (offsets[1] - offsets[0] != 4 * count)
            throw new ModelFormatException(file, $"{name}.data_offsets", $"span of {offsets[1] - offsets[0]} bytes does not hold {count} F32 values");
        return new Entry(name, shape.Select(d => (int)d).ToArray(), offsets[0], offsets[1]);
    }

    private static long[] ReadIntegers(JsonElement element, string property, string name, string file)
    {
        if (!element.TryGetProperty(property, out var array) || array.ValueKind != JsonValueKind.Array)
            throw new ModelFormatException(file, $"{name}.{property}", "missing or not an array");
        var values = new List<long>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var value) || value < 0)
                throw new ModelFormatException(file, $"{name}.{property}", "must hold non-negative integers");
            values.Add(value);
        }
        return values.ToArray();
    }

    /// <summary>Tensors must tile the data buffer exactly: in range, no overlap, no hole.</summary>
    private static void CheckLayout(List<Entry> entries, long dataLength, string file)
    {
        long expected = 0;
        foreach (var entry in entries.OrderBy(e => e.Begin))
        {
            if (entry.Begin != expected)
                throw new ModelFormatException(file, $"{entry.Name}.data_offsets",
                    entry.Begin < expected ? "overlaps the previous tensor" : $"leaves a gap at byte {expected}");
            if (entry.End > dataLength)
                throw new ModelFormatException(file, $"{entry.Name}.data_offsets", $"ends at byte {entry.End}, past the data ({dataLength} bytes)");
            expected = entry.End;
        }
        if (expected != dataLength)
            throw new ModelFormatException(file, "data", $"{dataLength - expected} bytes after the last tensor are not described by the header");
    }

    private static void WriteFloats(Stream stream, float[] values)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            return;
        }
        Span<byte> bytes = stackalloc byte[4];
        foreach (var v in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes, v);
            stream.Write(bytes);
        }
    }

    private static void ReadFloats(Stream stream, float[] values, string file, string name)
    {
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        if (stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) < bytes.Length)
            throw new ModelFormatException(file, name, "file ends inside the tensor data");
        if (!BitConverter.IsLittleEndian)
            for (var i = 0; i < values.Length; i++)
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(4 * i, 4));
    }
}
