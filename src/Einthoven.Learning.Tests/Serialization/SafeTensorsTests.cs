using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Einthoven.Learning.Serialization;
using Einthoven.Learning.Tensors;
using Einthoven.TestSupport;

namespace Einthoven.Learning.Tests.Serialization;

public class SafeTensorsTests
{
    [Fact]
    public void WritesTheStandardLayout()
    {
        var path = Path.Combine(TestData.TempDir(), "t.safetensors");
        SafeTensors.Write(path, [("b", new Tensor([1f, -2f, 3.5f], 3)), ("a", new Tensor([0.25f, 8f], 1, 2))],
            new Dictionary<string, string> { ["format"] = "pt" });
        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, (8 + headerLength) % 8);
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, headerLength).TrimEnd(' '));
        var b = header.RootElement.GetProperty("b");
        Assert.Equal("F32", b.GetProperty("dtype").GetString());
        Assert.Equal([3], b.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([0L, 12L], b.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal([12L, 20L], header.RootElement.GetProperty("a").GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal("pt", header.RootElement.GetProperty("__metadata__").GetProperty("format").GetString());
        var data = 8 + headerLength;
        Assert.Equal(bytes.Length, data + 20);
        Assert.Equal(3.5f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(data + 8)));
        Assert.Equal(8f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(data + 16)));
    }

    [Fact]
    public void ReadsAFileWrittenByAnotherImplementation()
    {
        // Unpadded header with keys out of data order, as other writers may produce.
        var bytes = Build("""{"w":{"dtype":"F32","shape":[2,1],"data_offsets":[4,12]},"__metadata__":{"k":"v"},"s":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""",
            [7f, 1.5f, -2f]);
        var content = SafeTensors.Read(new MemoryStream(bytes), "other.safetensors");
        Assert.Equal(["s", "w"], content.Tensors.Select(t => t.Name));
        Assert.Equal([7f], content.Find("s")!.Data);
        Assert.Equal([1.5f, -2f], content.Find("w")!.Data);
        Assert.True(content.Find("w")!.HasShape(2, 1));
        Assert.Equal("v", content.Metadata["k"]);
    }

    public static TheoryData<string, string, string> Corruptions() => new()
    {
        { """{"w":{"dtype":"F16","shape":[2],"data_offsets":[0,8]}}""", "w.dtype", "not supported" },
        { """{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", "w.data_offsets", "does not hold 3" },
        { """{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}""", "w.data_offsets", "past the data" },
        { """{"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", "w.data_offsets", "gap" },
        { """{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", "data", "not described" },
        { """{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"v":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", "data_offsets", "overlaps" },
        { """{"w":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}""", "w.shape", "non-negative" },
        { """{"w":{"dtype":"F32","data_offsets":[0,8]}}""", "w.shape", "missing" },
        { """{"w":{"dtype":"F32","shape":[2],"data_offsets":[0]}}""", "w.data_offsets", "[begin, end]" },
        { """{"w":[1,2]}""", "w", "not an object" },
        { """{"__metadata__":{"k":1},"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", "__metadata__.k", "strings" },
        { """{"w":{"dtype":"F32",""", "header", "JSON" },
        { """[1,2]""", "header", "not an object" },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void RejectsDamagedHeadersNamingTheField(string header, string field, string reason)
    {
        var ex = Assert.Throws<ModelFormatException>(() => SafeTensors.Read(new MemoryStream(Build(header, [1f, 2f])), "bad.safetensors"));
        Assert.Contains(field, ex.Field);
        Assert.Contains(reason, ex.Reason);
        Assert.StartsWith("bad.safetensors: ", ex.Message);
    }

    [Fact]
    public void RejectsTruncatedFilesAndImpossibleHeaderLengths()
    {
        var good = Build("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", [1f, 2f]);
        Assert.Equal("header length", Assert.Throws<ModelFormatException>(() => SafeTensors.Read(new MemoryStream(good[..5]), "f")).Field);
        Assert.Equal("header length", Assert.Throws<ModelFormatException>(() => SafeTensors.Read(new MemoryStream(good[..20]), "f")).Field);
        Assert.Equal("w.data_offsets", Assert.Throws<ModelFormatException>(() => SafeTensors.Read(new MemoryStream(good[..^2]), "f")).Field);
        var huge = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(huge, ulong.MaxValue);
        Assert.Equal("header length", Assert.Throws<ModelFormatException>(() => SafeTensors.Read(new MemoryStream(huge), "f")).Field);
        Assert.Equal("file", Assert.Throws<ModelFormatException>(() => SafeTensors.Read("/nonexistent/x.safetensors")).Field);
    }

    private static byte[] Build(string header, float[] values)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + 4 * values.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(8 + json.Length + 4 * i), values[i]);
        return bytes;
    }
}
