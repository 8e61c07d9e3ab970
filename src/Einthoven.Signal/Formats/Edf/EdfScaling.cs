using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Edf;

/// <summary>
/// How one lead is stored in EDF's 16-bit samples: the digital values to write and the physical/digital ranges of
/// the header. Ranges are chosen on a decimal grid so that the 8-character header fields give back the lead's gain
/// and baseline exactly.
/// </summary>
internal sealed record EdfScaling(
    decimal PhysicalMin, decimal PhysicalMax, int DigitalMin, int DigitalMax, int Divisor, int SourceBaseline, int Baseline, bool Exact)
{
    private const int Min16 = short.MinValue, Max16 = short.MaxValue, FieldWidth = 8, MaxDecimals = 7, MaxSteps = 1000;
    private const int DivisorsTried = 12;

    /// <summary>The 16-bit value written for a digital sample of the lead.</summary>
    public short Encode(int digital) => (short)Encoded(digital);

    private long Encoded(long digital) => Divisor == 1
        ? digital - SourceBaseline + Baseline
        : (long)Math.Round((digital - SourceBaseline) / (double)Divisor, MidpointRounding.AwayFromZero) + Baseline;

    /// <summary>
    /// Values that fit 16 bits are written unchanged. A wider range is shifted into 16 bits (exact) and, if it spans
    /// more than 16 bits, also divided by an integer, which coarsens the resolution by that factor; the divisor is a
    /// 2^a·5^b so that the divided gain stays a short decimal the header can state exactly.
    /// </summary>
    /// <param name="range">The lead's smallest and largest sample; null when it has none.</param>
    public static EdfScaling For(LeadInfo lead, (int Min, int Max)? range)
    {
        if (!double.IsFinite(lead.Gain) || Math.Abs(lead.Gain) is < 1e-9 or > 1e12)
            throw new ArgumentException($"lead '{lead.Name}' has gain {lead.Gain}, outside what EDF's 8-character ranges can express", nameof(lead));
        long min = range?.Min ?? lead.Baseline, max = range?.Max ?? lead.Baseline;
        if (min >= Min16 && max <= Max16)
            return Build(lead, 1, lead.Baseline, min, max);

        var span = max - min;
        var smallest = span <= Max16 - (long)Min16 ? 1 : (long)Math.Ceiling(span / (double)(Max16 - (long)Min16 - 2));
        EdfScaling? scaling = null;
        foreach (var divisor in DecimalDivisors(smallest).Take(smallest == 1 ? 1 : DivisorsTried))
        {
            // Centre the scaled range on zero, leaving room on both sides for the header's grid points.
            var centre = (long)Math.Round(((min + max) / 2.0 - lead.Baseline) / divisor, MidpointRounding.AwayFromZero);
            if (-centre is < int.MinValue or > int.MaxValue)
                throw new ArgumentException($"lead '{lead.Name}': baseline {lead.Baseline} is too far from the samples to store in EDF", nameof(lead));
            scaling = Build(lead, (int)divisor, (int)-centre, min, max);
            if (scaling.Exact) break;
        }
        return scaling!;
    }

    private static EdfScaling Build(LeadInfo lead, int divisor, int baseline, long min, long max)
    {
        var scaling = new EdfScaling(0, 0, 0, 0, divisor, lead.Baseline, baseline, false);
        var low = scaling.Encoded(min);
        var high = Math.Max(scaling.Encoded(max), low + 1);
        var gain = (decimal)lead.Gain / divisor;
        var zero = baseline + (decimal)lead.BaselineFraction / divisor;
        var lower = Bound(low, -1, gain, zero);
        var upper = Bound(high, +1, gain, zero);
        return scaling with
        {
            PhysicalMin = lower.Physical, DigitalMin = lower.Digital, PhysicalMax = upper.Physical, DigitalMax = upper.Digital,
            Exact = lower.Exact && upper.Exact,
        };
    }

    /// <summary>
    /// The nearest digital limit at or beyond <paramref name="target"/> (in <paramref name="direction"/>) whose physical
    /// value is a short decimal, so that (dmax-dmin)/(pmax-pmin) is exactly the gain.
    /// </summary>
    private static (decimal Physical, int Digital, bool Exact) Bound(long target, int direction, decimal gain, decimal zero)
    {
        var pDirection = direction * Math.Sign(gain);
        for (var decimals = 0; decimals <= MaxDecimals; decimals++)
        {
            var step = 1m / DecimalMath.Pow10(decimals);
            var first = (target - zero) / gain / step;
            var p = (pDirection > 0 ? decimal.Ceiling(first) : decimal.Floor(first)) * step;
            for (var i = 0; i < MaxSteps; i++, p += pDirection * step)
            {
                var d = zero + gain * p;
                if (d < Min16 || d > Max16) break;
                if (d == decimal.Truncate(d) && Fits(p)) return (p, (int)d, true);
            }
        }
        // No exact grid point: near the end of the 16-bit range, the digital limit whose physical value the field
        // rounds least.
        var best = (Physical: 0m, Digital: 0, Error: decimal.MaxValue);
        for (long d = direction > 0 ? Max16 : Min16, i = 0; i < MaxSteps && d * direction >= target * direction; i++, d -= direction)
        {
            var exact = (d - zero) / gain;
            var rounded = Round(exact);
            if (Math.Abs(rounded - exact) < best.Error) best = (rounded, (int)d, Math.Abs(rounded - exact));
        }
        return (best.Physical, best.Digital, false);
    }

    /// <summary>2^a·5^b at or above <paramref name="minimum"/>, ascending.</summary>
    private static IEnumerable<long> DecimalDivisors(long minimum)
    {
        var all = new SortedSet<long>();
        for (long twos = 1; twos <= minimum * 1024; twos *= 2)
        for (var k = twos; k <= minimum * 1024; k *= 5)
            if (k >= minimum) all.Add(k);
        return all;
    }

    private static bool Fits(decimal p) => EdfTal.Format(p).Length <= FieldWidth;

    /// <summary><paramref name="value"/> with as many decimals as the 8-character field leaves room for.</summary>
    private static decimal Round(decimal value)
    {
        var integerDigits = Math.Abs(value) < 1 ? 1 : (int)Math.Floor(Math.Log10((double)Math.Abs(value))) + 1;
        var decimals = Math.Clamp(FieldWidth - integerDigits - (value < 0 ? 2 : 1), 0, MaxDecimals);
        for (; decimals >= 0; decimals--)
        {
            var r = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
            if (Fits(r)) return r;
        }
        throw new ArgumentException($"physical value {value} does not fit EDF's 8-character physical minimum/maximum fields; store the lead in a larger unit");
    }
}
