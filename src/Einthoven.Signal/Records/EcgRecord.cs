namespace Einthoven.Signal.Records;

/// <summary>A whole record in memory: its description, the digital samples of every lead and its annotation sets.</summary>
public sealed class EcgRecord
{
    public EcgRecord(RecordInfo info, int[][] samples, IDictionary<string, IReadOnlyList<Annotation>>? annotations = null)
    {
        if (samples.Length != info.Leads.Count)
            throw new ArgumentException($"{samples.Length} sample arrays for {info.Leads.Count} leads", nameof(samples));
        foreach (var lead in samples)
            if (lead.LongLength != info.SampleCount)
                throw new ArgumentException($"a lead has {lead.LongLength} samples, the record says {info.SampleCount}", nameof(samples));
        Info = info;
        Samples = samples;
        Annotations = new Dictionary<string, IReadOnlyList<Annotation>>(annotations ?? new Dictionary<string, IReadOnlyList<Annotation>>());
    }

    public RecordInfo Info { get; }

    /// <summary>Digital samples, <c>Samples[lead][sample]</c>.</summary>
    public int[][] Samples { get; }

    /// <summary>Annotation sets by annotator name (WFDB file extension such as "atr"; "edf" for EDF+ annotations).</summary>
    public Dictionary<string, IReadOnlyList<Annotation>> Annotations { get; }

    /// <summary>One lead in physical units.</summary>
    public double[] Physical(int lead)
    {
        var info = Info.Leads[lead];
        var src = Samples[lead];
        var dst = new double[src.Length];
        for (var i = 0; i < src.Length; i++) dst[i] = info.ToPhysical(src[i]);
        return dst;
    }

    public EcgRecord WithInfo(RecordInfo info) => new(info, Samples, Annotations);
}
