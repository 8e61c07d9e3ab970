namespace Einthoven.Server.Live;

/// <summary>A frame as the rest of the live path sees it once it is stored: samples per lead, in adu.</summary>
public sealed record StoredFrame(Guid StreamId, Guid PatientId, long Sequence, long FirstSample, long DeviceTime, DateTime ReceivedAt, int[][] Samples)
{
    public int Count => Samples.Length == 0 ? 0 : Samples[0].Length;

    public byte[] Encode() => Signal.Compression.SampleCodec.Encode(Samples.SelectMany(s => s).ToArray());

    public static int[][] Decode(byte[] data, int leads)
    {
        var all = Signal.Compression.SampleCodec.Decode(data);
        var count = all.Length / leads;
        return Enumerable.Range(0, leads).Select(l => all.AsSpan(l * count, count).ToArray()).ToArray();
    }
}

/// <summary>Where stored frames go next (live analysis, dashboards): in-process by default, a broker when scaled out.</summary>
public interface ILiveFeed
{
    void Publish(IReadOnlyList<StoredFrame> frames);

    /// <summary>The stream ended: its last frames are all published.</summary>
    void Ended(Guid streamId);
}
