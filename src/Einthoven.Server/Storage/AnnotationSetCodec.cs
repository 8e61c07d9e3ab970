using System.Text;
using Einthoven.Signal.Records;

namespace Einthoven.Server.Storage;

/// <summary>Compact binary form of an annotation list: delta-coded samples and 7-bit varints, aux text as UTF-8.</summary>
public static class AnnotationSetCodec
{
    public static byte[] Encode(IReadOnlyList<Annotation> annotations)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write7BitEncodedInt(annotations.Count);
            long previous = 0;
            foreach (var a in annotations)
            {
                w.Write7BitEncodedInt64(ZigZag(a.Sample - previous));
                previous = a.Sample;
                w.Write7BitEncodedInt(a.Code);
                w.Write7BitEncodedInt64(ZigZag(a.Subtype));
                w.Write7BitEncodedInt64(ZigZag(a.Channel));
                w.Write7BitEncodedInt64(ZigZag(a.Number));
                if (a.Aux is null) w.Write((byte)0);
                else
                {
                    w.Write((byte)1);
                    w.Write(a.Aux);
                }
            }
        }
        return stream.ToArray();
    }

    public static Annotation[] Decode(byte[] data)
    {
        using var r = new BinaryReader(new MemoryStream(data), Encoding.UTF8);
        var result = new Annotation[r.Read7BitEncodedInt()];
        long sample = 0;
        for (var i = 0; i < result.Length; i++)
        {
            sample += UnZigZag(r.Read7BitEncodedInt64());
            var code = r.Read7BitEncodedInt();
            var subtype = (int)UnZigZag(r.Read7BitEncodedInt64());
            var channel = (int)UnZigZag(r.Read7BitEncodedInt64());
            var number = (int)UnZigZag(r.Read7BitEncodedInt64());
            var aux = r.ReadByte() == 0 ? null : r.ReadString();
            result[i] = new Annotation(sample, code, subtype, channel, number, aux);
        }
        return result;
    }

    private static long ZigZag(long v) => (v << 1) ^ (v >> 63);

    private static long UnZigZag(long u) => (long)((ulong)u >> 1) ^ -(u & 1);
}
