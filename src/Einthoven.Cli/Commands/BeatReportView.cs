using Einthoven.Evaluation.Beats;
using Einthoven.Models.Beats;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary>Renders beat-classification results: the confusion matrix and per-class Se / +P against de Chazal 2004.</summary>
public static class BeatReportView
{
    // de Chazal et al. 2004, inter-patient DS2 (Se, +P in %), the baseline the SPEC asks to beat.
    private static readonly Dictionary<AamiClass, (double Se, double Ppv)> DeChazal = new()
    {
        [AamiClass.N] = (86.9, 99.2), [AamiClass.S] = (75.9, 38.5), [AamiClass.V] = (77.7, 81.9), [AamiClass.F] = (89.4, 8.6),
    };
    private const double DeChazalAccuracy = 86.2;

    /// <summary>One line per record: per class, beats found of the reference's, and how many were predicted.</summary>
    public static void WritePerRecord(TextWriter output, IEnumerable<(string Record, ConfusionMatrix Matrix)> records)
    {
        foreach (var (name, m) in records)
            output.WriteLine($"{name}: " + string.Join("  ", AamiMapping.Classes.Select(c => $"{c} {m[c, c]}/{m.Row(c) + m.Missed(c)} (predicted {m.Column(c) + m.Extra(c)})")));
    }

    public static void Write(IAnsiConsole console, string title, ConfusionMatrix m, bool compare)
    {
        var matrix = new Table().Title($"{Markup.Escape(title)}: reference (rows) vs predicted (columns)").AddColumn("");
        foreach (var c in AamiMapping.Classes) matrix.AddColumn(new TableColumn(c.ToString()).RightAligned());
        matrix.AddColumn(new TableColumn("missed").RightAligned());
        foreach (var r in AamiMapping.Classes)
            matrix.AddRow([r.ToString(), .. AamiMapping.Classes.Select(p => Cell(m[r, p], r == p)), m.Missed(r).ToString()]);
        matrix.AddRow(["extra", .. AamiMapping.Classes.Select(p => m.Extra(p).ToString()), ""]);
        console.Write(matrix);

        var scores = new Table().Title($"{Markup.Escape(title)}: per class").AddColumns("class", "beats", "Se %", "+P %", "F1 %");
        if (compare) scores.AddColumns("de Chazal Se", "de Chazal +P");
        foreach (var c in AamiMapping.Classes)
        {
            string[] row = [c.ToString(), (m.Row(c) + m.Missed(c)).ToString(), Percent(m.Sensitivity(c)), Percent(m.PositivePredictivity(c)), Percent(m.F1(c))];
            if (compare) row = [.. row, DeChazal.TryGetValue(c, out var d) ? $"{d.Se:0.0}" : "", DeChazal.TryGetValue(c, out d) ? $"{d.Ppv:0.0}" : ""];
            scores.AddRow(row);
        }
        console.Write(scores);
        console.MarkupLine($"accuracy [bold]{Percent(m.Accuracy)}%[/] over {m.Matched} matched beats" + (compare ? $" (de Chazal 2004: {DeChazalAccuracy:0.0}%)" : ""));
    }

    private static string Cell(long value, bool diagonal) => diagonal ? $"[bold]{value}[/]" : value.ToString();

    private static string Percent(double x) => double.IsNaN(x) ? "-" : (100 * x).ToString("0.0");
}
