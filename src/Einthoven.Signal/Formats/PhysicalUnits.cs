namespace Einthoven.Signal.Formats;

/// <summary>Spelling of physical units shared by the formats: voltages become "uV", "mV" or "V".</summary>
public static class PhysicalUnits
{
    /// <summary>The canonical spelling of <paramref name="unit"/>; other units are returned trimmed but otherwise unchanged.</summary>
    public static string Normalise(string unit)
    {
        var u = unit.Trim();
        return u switch
        {
            "uV" or "µV" or "μV" or "uv" or "microvolt" or "microvolts" => "uV",
            "mV" or "mv" or "millivolt" or "millivolts" => "mV",
            "V" or "v" or "volt" or "volts" => "V",
            _ => u,
        };
    }

    /// <summary>An ASCII spelling for formats whose headers are ASCII only (EDF): "µV" becomes "uV".</summary>
    public static string Ascii(string unit)
    {
        var u = Normalise(unit);
        return u.All(c => c is >= ' ' and <= '~') ? u : new string(u.Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());
    }
}
