using System.CommandLine;
using System.Text.Json;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary><c>einthoven info RECORD</c>: leads, rate, duration, units, start, metadata and annotation counts.</summary>
public static class InfoCommand
{
    public static Command Create()
    {
        var command = new Command("info", "Describe a record: leads, sampling rate, duration, units, start time, metadata and annotation counts by symbol");
        var input = new CommonOptions.RecordInput().AddTo(command);
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables" };
        command.Options.Add(json);
        command.SetAction(r =>
        {
            using var reader = input.Open(r);
            var summary = RecordSummary.Of(reader);
            if (r.GetValue(json))
                r.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true }));
            else
                Print(CliRunner.Console(r), summary);
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, RecordSummary s)
    {
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("[bold]Record[/]", Markup.Escape(s.Name));
        grid.AddRow("[bold]Sampling rate[/]", $"{s.SamplingFrequency:0.###} Hz");
        grid.AddRow("[bold]Samples per lead[/]", s.SampleCount.ToString());
        grid.AddRow("[bold]Duration[/]", $"{TimeSpan.FromSeconds(s.DurationSeconds):c} ({s.DurationSeconds:0.###} s)");
        grid.AddRow("[bold]Start[/]", Markup.Escape(s.Start ?? "unknown"));
        console.Write(grid);

        var leads = new Table().Title("Leads").AddColumns("#", "Name", "Unit", "Gain (adu/unit)", "Baseline", "ADC bits", "ADC zero");
        for (var i = 0; i < s.Leads.Count; i++)
        {
            var l = s.Leads[i];
            leads.AddRow(i.ToString(), Markup.Escape(l.Name), Markup.Escape(l.Unit), l.Gain.ToString("0.###"), l.Baseline.ToString(), l.AdcResolution.ToString(), l.AdcZero.ToString());
        }
        console.Write(leads);

        if (s.Metadata.Count > 0)
        {
            var meta = new Table().Title("Metadata").AddColumns("Key", "Value");
            foreach (var (k, v) in s.Metadata) meta.AddRow(Markup.Escape(k), Markup.Escape(v));
            console.Write(meta);
        }
        foreach (var c in s.Comments) console.MarkupLine($"[grey]# {Markup.Escape(c)}[/]");

        foreach (var (annotator, counts) in s.AnnotationCounts)
        {
            var by = s.AnnotationAuthors.TryGetValue(annotator, out var author)
                ? $" by {(author.Kind == AnnotationAuthorKind.Device ? "device" : "person")}{(author.Name.Length > 0 ? " " + author.Name : "")}" : "";
            var t = new Table().Title(Markup.Escape($"Annotations '{annotator}' ({counts.Values.Sum()}){by}")).AddColumns("Symbol", "Count");
            foreach (var (sym, n) in counts.OrderByDescending(p => p.Value)) t.AddRow(Markup.Escape(sym), n.ToString());
            console.Write(t);
        }
    }
}

/// <summary>What <c>info</c> reports, also as JSON.</summary>
public sealed record RecordSummary(
    string Name, double SamplingFrequency, long SampleCount, double DurationSeconds, string? Start,
    IReadOnlyList<Einthoven.Signal.Records.LeadInfo> Leads, IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<string> Comments, IReadOnlyDictionary<string, Dictionary<string, int>> AnnotationCounts,
    IReadOnlyDictionary<string, AnnotationAuthor> AnnotationAuthors)
{
    public static RecordSummary Of(ISignalReader reader)
    {
        var info = reader.Info;
        var start = (info.StartDate, info.StartTime) switch
        {
            ({ } d, { } t) => $"{d:yyyy-MM-dd} {t:HH:mm:ss.fff}",
            (null, { } t) => $"{t:HH:mm:ss.fff} (no date)",
            ({ } d, null) => $"{d:yyyy-MM-dd}",
            _ => null,
        };
        var counts = reader.Annotators.ToDictionary(a => a, a => reader.ReadAnnotations(a)
            .GroupBy(x => x.Symbol).ToDictionary(g => g.Key, g => g.Count()));
        var authors = reader.Annotators.Select(a => (a, Author: Einthoven.Signal.Records.AnnotationAuthors.Of(info, a)))
            .Where(p => p.Author is not null).ToDictionary(p => p.a, p => p.Author!);
        return new RecordSummary(info.Name, info.SamplingFrequency, info.SampleCount, info.Duration.TotalSeconds, start,
            info.Leads, info.Metadata, info.Comments, counts, authors);
    }
}
