using System.Globalization;
using Einthoven.Models.Analysis;
using Einthoven.Signal.Analysis;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary>The human-readable form of an <see cref="AnalysisReport"/>.</summary>
internal static class AnalysisPrinter
{
    public static void Print(IAnsiConsole console, AnalysisReport a)
    {
        console.MarkupLine($"[bold]{Markup.Escape(a.Record)}[/]  {a.SamplingFrequency:0.###} Hz, {a.DurationSeconds:0.#} s, leads {Markup.Escape(string.Join(" ", a.Leads))}");
        var t = new Table().AddColumns("Measure", "Value");
        if (a.Rhythm is { } rhythm) AddRhythm(t, rhythm);
        t.AddRow("Beats detected / analysed", $"{a.Beats.Detected} / {a.Beats.Analysed}");
        if (!a.Beats.ByClass.ContainsKey("detected"))
            t.AddRow("Beats by class", string.Join("  ", a.Beats.ByClass.Select(c => $"{c.Key} {c.Value}")));
        t.AddRow("Heart rate (mean, min-max)", a.HeartRate is { } hr ? $"{hr.MeanBpm:0} bpm ({hr.MinBpm:0}-{hr.MaxBpm:0})" : "n/a");
        t.AddRow("SDNN / RMSSD / pNN50", a.HrvTime is { } h ? $"{h.Sdnn:0} ms / {h.Rmssd:0} ms / {h.Pnn50:0.#} %" : "n/a");
        t.AddRow("LF / HF / LF:HF", a.HrvFrequency is { } f ? $"{f.Lf:0} ms² / {f.Hf:0} ms² / {V(f.LfHfRatio, "0.00")}" : "n/a (needs 2 min of NN intervals)");
        if (a.Intervals is { } m)
        {
            t.AddRow("PR / QRS / QT", $"{V(m.PrMs)} / {m.QrsMs:0} / {V(m.QtMs)} ms");
            t.AddRow("QTc Bazett / Fridericia", $"{V(m.QtcBazettMs)} / {V(m.QtcFridericiaMs)} ms");
            t.AddRow("Axis P / QRS / T", $"{Deg(m.PAxis)} / {Deg(m.QrsAxis)} / {Deg(m.TAxis)}");
        }
        else t.AddRow("Intervals", "n/a" + (a.NotMeasured?.GetValueOrDefault(NotMeasured.Intervals) is { } why ? $" ({Markup.Escape(why)})" : " (no usable median beat)"));
        // Each reason once, with the values it explains: "prMs, pAxis: no P waves: atrial fibrillation".
        foreach (var missing in (a.NotMeasured ?? new Dictionary<string, string>()).Where(r => r.Key != NotMeasured.Intervals).GroupBy(r => r.Value))
            t.AddRow("Not measured", Markup.Escape($"{string.Join(", ", missing.Select(r => r.Key))}: {missing.Key}"));
        var q = a.Quality;
        t.AddRow("Signal quality", $"{q.Overall} ({q.Good} good, {q.Acceptable} acceptable, {q.Inconclusive} inconclusive segments; rhythm from {Markup.Escape(q.RhythmLead)})");
        t.AddRow("Paced rhythm", a.Pacing.PacedRhythm ? $"yes ({a.Pacing.PacedBeatFraction:P0} of beats follow a spike; {a.Pacing.SpikeCount} pacing spikes)" : "not detected");
        console.Write(t);
        if (a.Rhythm?.Reason is { } reason) console.MarkupLine($"Rhythm {Markup.Escape(a.Rhythm.Name)}: {Markup.Escape(reason)}");
        if (a.Models is { Count: > 0 } models)
            console.MarkupLine($"[grey]Models: {Markup.Escape(string.Join(", ", models.Select(m => $"{m.Name} {m.Version}")))}[/]");
        console.MarkupLine($"[yellow]{Markup.Escape(a.Disclaimer)}[/]");
    }

    /// <summary>Short rows, so that the table does not wrap on an 80-column console.</summary>
    private static void AddRhythm(Table t, RhythmVerdict r)
    {
        t.AddRow("Rhythm", Markup.Escape($"{r.Name} ({r.Label}), {(r.Lead.Contains(',') ? "leads" : "lead")} {r.Lead}"));
        if (r.Probabilities.Count > 0)
            t.AddRow("Rhythm probabilities", Markup.Escape(string.Join("  ", r.Probabilities.Select(p => $"{p.Key} {V(p.Value, "0.00")}"))));
        if (r.Windows.Count > 1 && r.AfBurden is { } burden)
            t.AddRow("AF burden", $"{V(100 * burden, "0.#")} % of {r.Windows.Count} windows");
    }

    private static string Deg(double? v) => v is null ? "n/a" : V(v) + "°";

    private static string V(double? v, string format = "0") => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "n/a";
}
