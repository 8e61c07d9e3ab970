using Einthoven.Signal.Records;

namespace Einthoven.Signal.Tests.Support;

/// <summary>Runs Debian's biosig-tools <c>save2gdf</c> (and <c>save2aecg</c>), EDF and aECG implementations nobody here wrote.</summary>
internal static class Biosig
{
    public const string Missing = "save2gdf (Debian package biosig-tools) is not on PATH; install it with apt-get install biosig-tools";
    public const string AecgMissing = "save2aecg (Debian package biosig-tools) is not on PATH; install it with apt-get install biosig-tools";

    public static bool Available { get; } = ExternalTool.OnPath("save2gdf");
    public static bool AecgAvailable { get; } = ExternalTool.OnPath("save2aecg");

    /// <summary>
    /// <paramref name="converted"/> (a biosig conversion of <paramref name="original"/>) has its rate, length, lead names
    /// and mV units, and every physical value within one quantisation step.
    /// </summary>
    public static void AssertSameSignalWithinOneStep(EcgRecord original, EcgRecord converted, string name)
    {
        Assert.Equal(original.Info.SamplingFrequency, converted.Info.SamplingFrequency);
        Assert.Equal(original.Info.SampleCount, converted.Info.SampleCount);
        Assert.Equal(original.Info.Leads.Select(l => l.Name), converted.Info.Leads.Select(l => l.Name));
        for (var lead = 0; lead < original.Info.Leads.Count; lead++)
        {
            Assert.Equal("mV", converted.Info.Leads[lead].Unit);
            var step = 1 / converted.Info.Leads[lead].Gain;
            var (expected, actual) = (original.Physical(lead), converted.Physical(lead));
            var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
            Assert.True(worst <= step * (1 + 1e-9), $"record {name} lead {lead}: worst difference {worst} mV exceeds one step {step} mV");
        }
    }

    /// <summary>Runs save2gdf with <paramref name="arguments"/> and returns its standard output; fails on a non-zero exit.</summary>
    public static string Run(params string[] arguments) => RunTool("save2gdf", arguments);

    /// <summary>Runs a biosig-tools command with <paramref name="arguments"/> and returns its standard output; fails on a non-zero exit.</summary>
    public static string RunTool(string tool, params string[] arguments)
    {
        var (code, stdout, stderr) = ExternalTool.Run(tool, arguments);
        if (code != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited with {code}: {stderr}");
        return stdout;
    }
}

/// <summary>A fact that is skipped, with the reason, where save2gdf is not installed (CI installs it).</summary>
public sealed class BiosigFactAttribute : FactAttribute
{
    public BiosigFactAttribute()
    {
        if (!Biosig.Available) Skip = Biosig.Missing;
    }
}

/// <summary>A fact that is skipped, with the reason, where save2aecg is not installed (CI installs it).</summary>
public sealed class AecgBiosigFactAttribute : FactAttribute
{
    public AecgBiosigFactAttribute()
    {
        if (!Biosig.AecgAvailable) Skip = Biosig.AecgMissing;
    }
}
