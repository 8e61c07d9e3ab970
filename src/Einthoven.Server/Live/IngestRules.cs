using System.Text;
using System.Text.Json;

namespace Einthoven.Server.Live;

/// <summary>What a hello and a frame must be; each refusal names what is wrong.</summary>
public static class IngestRules
{
    /// <summary>The declared leads, canonical JSON (what a resumed hello must repeat), or a refusal.</summary>
    public static string CheckHello(DeviceMessage hello, LiveOptions limits)
    {
        if (hello.SamplingFrequency is not { } rate || !double.IsFinite(rate))
            throw IngestJson.Invalid("hello needs samplingFrequency (samples per second per lead)");
        if (rate < limits.MinSamplingFrequency || rate > limits.MaxSamplingFrequency)
            throw IngestJson.Violation($"samplingFrequency {rate} Hz is outside {limits.MinSamplingFrequency}-{limits.MaxSamplingFrequency} Hz");
        if (hello.Leads is not { Count: > 0 } leads) throw IngestJson.Invalid("hello needs leads: [{name, gain}]");
        if (leads.Count > limits.MaxLeads) throw IngestJson.Violation($"{leads.Count} leads (at most {limits.MaxLeads})");
        for (var i = 0; i < leads.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(leads[i]?.Name) || leads[i].Name.Length > 64)
                throw IngestJson.Invalid($"lead {i} needs a name of 1-64 characters");
            if (!(leads[i].Gain > 0) || !double.IsFinite(leads[i].Gain) || leads[i].Gain > 1e7)
                throw IngestJson.Invalid($"lead {i} ({leads[i].Name}) needs a gain in adu per mV, above 0");
        }
        return JsonSerializer.Serialize(leads.Select(l => new DeviceLead(l.Name.Trim(), l.Gain)).ToArray(), IngestJson.Options);
    }

    /// <summary>The frame's sequence number, once its samples have the stream's shape.</summary>
    public static long CheckFrame(DeviceMessage frame, int leads, int maxSamples, int maxMagnitude)
    {
        if (frame.Seq is not { } seq || seq < 0) throw IngestJson.Invalid("a frame needs seq, a number from 0");
        if (frame.Samples is not { } samples) throw IngestJson.Invalid($"frame {seq} has no samples");
        if (samples.Length != leads) throw IngestJson.Invalid($"frame {seq} has {samples.Length} leads; the stream has {leads}");
        var count = samples[0]?.Length ?? 0;
        if (count == 0 || count > maxSamples) throw IngestJson.Invalid($"frame {seq} has {count} samples per lead (1-{maxSamples})");
        for (var l = 0; l < samples.Length; l++)
        {
            if (samples[l]?.Length != count) throw IngestJson.Invalid($"frame {seq}: lead {l} has {samples[l]?.Length ?? 0} samples, lead 0 has {count}");
            foreach (var v in samples[l])
                if (v > maxMagnitude || v < -maxMagnitude) throw IngestJson.Invalid($"frame {seq}: lead {l} has a value {v} beyond ±{maxMagnitude}");
        }
        return seq;
    }

    /// <summary>A WebSocket close reason may hold 123 bytes of UTF-8.</summary>
    public static string CloseReason(string reason)
    {
        if (Encoding.UTF8.GetByteCount(reason) <= 123) return reason;
        var cut = reason;
        while (Encoding.UTF8.GetByteCount(cut) > 120) cut = cut[..^1];
        return cut + "...";
    }
}
