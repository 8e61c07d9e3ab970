namespace Einthoven.Signal.Formats;

/// <summary>Exact decimal helpers shared by the text-based formats.</summary>
internal static class DecimalMath
{
    /// <summary>10^<paramref name="n"/> as an exact decimal (n from 0 to 28).</summary>
    public static decimal Pow10(int n)
    {
        var r = 1m;
        for (var i = 0; i < n; i++) r *= 10;
        return r;
    }
}
