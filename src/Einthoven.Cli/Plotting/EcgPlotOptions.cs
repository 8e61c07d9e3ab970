namespace Einthoven.Cli.Plotting;

/// <summary>What to plot: a time window, paper speed (mm/s), gain (mm/mV) and which leads (all when empty).</summary>
public sealed record EcgPlotOptions(double FromSeconds, double ToSeconds, double SpeedMmPerSecond = 25, double GainMmPerMillivolt = 10,
    IReadOnlyList<string>? Leads = null);
