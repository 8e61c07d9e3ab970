using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Edf;

/// <summary>
/// How one lead is stored in EDF's 16-bit samples: the digital values to write and the physical/digital ranges of
/// the header. Ranges are chosen on a decimal grid so that the 8-character header fields give back the lead's gain
/// and baseline exactly.
/// </summary>
internal sealed record EdfScaling(
    decimal PhysicalMin, decimal PhysicalMax, int DigitalMin, int DigitalMax, int Divisor, int SourceBaseline, int Baseline)
{
    private const int Min16 = short.MinValue, Max16 = short.MaxValue, FieldWidth = 8, MaxDecimals = 7, MaxSteps = 4000;

    /// <summary>The 16-bit value written for a digital sample of the lead.</summary>
    public short Encode(int digital) => (short)(Divisor == 1
        ? (long)digital - SourceBaseline + Baseline
        : (long)Math.Round(((long)digital - SourceBaseline) / (double)Divisor, MidpointRounding.AwayFromZero) + Baseline);

    /// <summary>
    /// Values that fit 16 bits are written unchanged. A wider range is shifted into 16 bits (exact) and, if it spans
    /// more than 16 bits, also divided by the smallest integer that fits, which coarsens the resolution by that factor.
    /// </summary>
    public static EdfScaling For(LeadInfo lead, int[] samples)
    {
        if (!double.IsFinite(lead.Gain) || lead.Gain == 0)
            throw new ArgumentException($"lead '{lead.Name}' has gain {lead.Gain}; EDF needs a finite non-zero gain", nameof(lead));
        long min = lead.Baseline, max = lead.Baseline;
        if (samples.Length > 0) { min = samples.Min(); max = samples.Max(); }

        var scaling = new EdfScaling(0, 0, 0, 0, 1, lead.Baseline, lead.Baseline);
        if (min < Min16 || max > Max16)
        {
            var span = max - min;
            var divisor = span <= Max16 - (long)Min16 ? 1 : (int)Math.Ceiling(span / (double)(Max16 - (long)Min16 - 1));
            var lowest = divisor == 1 ? min - lead.Baseline : (long)Math.Round((min - (double)lead.Baseline) / divisor, MidpointRounding.AwayFromZero);
            var baseline = Min16 - lowest;
            if (baseline is < int.MinValue or > int.MaxValue)
                throw new ArgumentException($"lead '{lead.Name}': baseline {lead.Baseline} is too far from the samples to store in EDF", nameof(lead));
            scaling = scaling with { Divisor = divisor, Baseline = (int)baseline };
        }
        var low = scaling.Encode((int)min);
        var high = Math.Max(scaling.Encode((int)max), low + 1L);
        var gain = Math.Abs(lead.Gain) is >= 1e-9 and <= 1e12
            ? (decimal)lead.Gain / scaling.Divisor
            : throw new ArgumentException($"lead '{lead.Name}' has gain {lead.Gain}, outside what EDF's 8-character ranges can express", nameof(lead));
        var (pmin, dmin) = Bound(low, -1, gain, scaling.Baseline);
        var (pmax, dmax) = Bound(high, +1, gain, scaling.Baseline);
        return scaling with { PhysicalMin = pmin, PhysicalMax = pmax, DigitalMin = dmin, DigitalMax = dmax };
    }

    /// <summary>
    /// The nearest digital limit at or beyond <paramref name="target"/> (in <paramref name="direction"/>) whose physical
    /// value is a short decimal, so that (dmax-dmin)/(pmax-pmin) is exactly the gain.
    /// </summary>
    private static (decimal Physical, int Digital) Bound(long target, int direction, decimal gain, int baseline)
    {
        var pDirection = direction * Math.Sign(gain);
        for (var decimals = 0; decimals <= MaxDecimals; decimals++)
        {
            var step = 1m / Pow10(decimals);
            var first = (target - baseline) / gain / step;
            var p = (pDirection > 0 ? decimal.Ceiling(first) : decimal.Floor(first)) * step;
            for (var i = 0; i < MaxSteps; i++, p += pDirection * step)
            {
                var d = baseline + gain * p;
                if (d < Min16 || d > Max16) break;
                if (d == decimal.Truncate(d) && Fits(p)) return (p, (int)d);
            }
        }
        // No exact grid point: the widest range, with the physical limit rounded to what the field can hold.
        var limit = direction > 0 ? Max16 : Min16;
        return (Round((limit - baseline) / gain), limit);
    }

    private static bool Fits(decimal p) => EdfTal.Format(p).Length <= FieldWidth;

    private static decimal Round(decimal value)
    {
        for (var decimals = MaxDecimals; decimals >= 0; decimals--)
        {
            var r = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
            if (Fits(r)) return r;
        }
        throw new ArgumentException($"physical limit {value} does not fit EDF's 8-character field");
    }

    private static decimal Pow10(int n)
    {
        var r = 1m;
        for (var i = 0; i < n; i++) r *= 10;
        return r;
    }
}
