using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Analysis.Detection;

/// <summary>QRS detection over a whole signal: the streaming detector run over it in one go, so both agree.</summary>
public static class QrsDetector
{
    /// <summary>R-peak sample numbers of a signal in millivolts (or in units given by <paramref name="unitsPerMillivolt"/>).</summary>
    public static long[] Detect(ReadOnlySpan<double> signal, double samplingFrequency, double unitsPerMillivolt = 1, QrsDetectorOptions? options = null)
    {
        var detector = new StreamingQrsDetector(samplingFrequency, unitsPerMillivolt, options);
        var beats = new List<long>(Math.Max(16, (int)(signal.Length / samplingFrequency * 2)));
        detector.Process(signal, beats);
        detector.Flush(beats);
        return beats.ToArray();
    }

    /// <summary>R-peak sample numbers of digital samples with <paramref name="unitsPerMillivolt"/> ADC units per mV.</summary>
    public static long[] Detect(ReadOnlySpan<int> digital, double samplingFrequency, double unitsPerMillivolt, QrsDetectorOptions? options = null)
    {
        var detector = new StreamingQrsDetector(samplingFrequency, unitsPerMillivolt, options);
        var beats = new List<long>(Math.Max(16, (int)(digital.Length / samplingFrequency * 2)));
        detector.Process(digital, beats);
        detector.Flush(beats);
        return beats.ToArray();
    }

    /// <summary>R-peak sample numbers of one lead of a record (the first by default).</summary>
    public static long[] Detect(EcgRecord record, int lead = 0, QrsDetectorOptions? options = null)
    {
        if (lead < 0 || lead >= record.Info.Leads.Count)
            throw new ArgumentOutOfRangeException(nameof(lead), lead, $"{record.Info.Name} has {record.Info.Leads.Count} leads");
        var info = record.Info.Leads[lead];
        var gain = info.Gain > 0 ? info.Gain : 200;
        return Detect(record.Samples[lead], record.Info.SamplingFrequency, gain, options);
    }

    /// <summary>
    /// R-peak sample numbers of one lead of a record on disk, read window by window so a record of any length fits in
    /// memory; the same beats as detecting over the whole lead at once.
    /// </summary>
    public static long[] Detect(ISignalReader reader, int lead = 0, QrsDetectorOptions? options = null)
    {
        var info = reader.Info;
        if (lead < 0 || lead >= info.Leads.Count)
            throw new ArgumentOutOfRangeException(nameof(lead), lead, $"{info.Name} has {info.Leads.Count} leads; the lead must be 0..{info.Leads.Count - 1}");
        var gain = info.Leads[lead].Gain > 0 ? info.Leads[lead].Gain : 200;
        var detector = new StreamingQrsDetector(info.SamplingFrequency, gain, options);
        var beats = new List<long>();
        for (long start = 0; start < info.SampleCount; start += ReaderWindow)
            detector.Process(reader.Read(start, ReaderWindow).Samples[lead], beats);
        detector.Flush(beats);
        return beats.ToArray();
    }

    private const int ReaderWindow = 1 << 16;
}
