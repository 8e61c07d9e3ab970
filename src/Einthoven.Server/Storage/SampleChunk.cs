namespace Einthoven.Server.Storage;

/// <summary>A run of one lead's samples, compressed with <see cref="Einthoven.Signal.Compression.SampleCodec"/>.</summary>
public sealed class SampleChunk
{
    public Guid RecordingId { get; set; }
    public int Lead { get; set; }
    public int Index { get; set; }
    public long FirstSample { get; set; }
    public int Count { get; set; }
    public byte[] Data { get; set; } = [];
}

/// <summary>
/// The min/max of one lead over consecutive blocks of <see cref="BlockSize"/> samples (each list compressed with the
/// sample codec): the coarse level the viewer decimates from, so that a 24-hour overview never decodes every sample.
/// </summary>
public sealed class LeadEnvelope
{
    public Guid RecordingId { get; set; }
    public int Lead { get; set; }
    public int BlockSize { get; set; }
    public byte[] Minima { get; set; } = [];
    public byte[] Maxima { get; set; } = [];
}

/// <summary>One annotation set of a recording (from the file, e.g. "atr", or "analysis"), serialized by <see cref="AnnotationSetCodec"/>.</summary>
public sealed class AnnotationSet
{
    public Guid RecordingId { get; set; }
    public string Annotator { get; set; } = "";
    public int Count { get; set; }
    public byte[] Data { get; set; } = [];
}
