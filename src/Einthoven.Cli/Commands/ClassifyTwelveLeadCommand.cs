using System.CommandLine;
using System.Text.Json;
using Einthoven.Cli.Client;
using Einthoven.Models.TwelveLead;
using Einthoven.Signal.Formats;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary>
/// <c>einthoven classify-12lead RECORD... [--server URL] [--model ID]</c>: the 12-lead statements (PTB-XL superclasses,
/// subclasses, rhythms) of each record with every class's probability, threshold and decision, from the server's
/// <c>POST /api/classify/12-lead</c> or, with <c>--local</c>, from the shipped model on this machine.
/// </summary>
public static class ClassifyTwelveLeadCommand
{
    public static Command Create(ServerConnection? connection = null)
    {
        connection ??= new ServerConnection();
        var command = new Command("classify-12lead", "12-lead statements with the probability of every class, from the server (default) or the shipped model (--local)");
        connection.AddTo(command);
        var records = new Argument<string[]>("records") { Description = "Records: a WFDB record by name or .hea (its .dat is sent along), a .zip, .edf or .csv", Arity = ArgumentArity.OneOrMore };
        var model = new Option<string?>("--model") { Description = "The server's model id (einthoven classifiers are listed at GET /api/classifiers); default the shipped one" };
        var local = new Option<bool>("--local") { Description = "Run the shipped model here instead of on the server" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables" };
        command.Arguments.Add(records);
        command.Options.Add(model);
        command.Options.Add(local);
        command.Options.Add(json);
        command.SetAction(async r =>
        {
            var console = CliRunner.Console(r);
            if (r.GetValue(local) && r.GetValue(model) is not null) throw new CliUsageException("--model names a server model; it cannot be used with --local");
            var results = new List<JsonElement>();
            var classifier = r.GetValue(local) ? TwelveLeadClassifier.LoadShipped() : null;
            var client = classifier is null ? connection.Connect(r) : null;
            foreach (var path in r.GetValue(records)!)
            {
                var result = classifier is not null
                    ? JsonSerializer.SerializeToElement(Local(classifier, path), PlatformClient.Json)
                    : await client!.ClassifyTwelveLeadAsync(UploadCommand.ExpandRecord([path]), r.GetValue(model));
                results.Add(result);
                if (!r.GetValue(json)) Write(console, path, result);
            }
            if (r.GetValue(json)) r.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(results.Count == 1 ? results[0] : (object)results, AnalyzeCommand.Json));
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }

    private static object Local(TwelveLeadClassifier classifier, string path)
    {
        var record = RecordFiles.Read(path);
        try
        {
            var p = classifier.Classify(record);
            return new { model = p.Model, record = record.Info.Name, derivedLeads = p.DerivedLeads, statements = p.Statements, disclaimer = p.Disclaimer };
        }
        catch (TwelveLeadInputException e) { throw new CliUsageException($"{path}: {e.Message}"); }
    }

    private static void Write(IAnsiConsole console, string path, JsonElement result)
    {
        var table = new Table().Title($"{Markup.Escape(Path.GetFileName(path))}: {Markup.Escape(result.GetProperty("model").GetString() ?? "")}")
            .AddColumns("Statement", "Meaning", "Probability", "Threshold", "Decision");
        foreach (var s in result.GetProperty("statements").EnumerateArray())
        {
            var present = s.GetProperty("present").GetBoolean();
            table.AddRow(Markup.Escape(s.GetProperty("code").GetString() ?? ""), Markup.Escape(s.GetProperty("description").GetString() ?? ""),
                s.GetProperty("probability").GetDouble().ToString("0.000"), s.GetProperty("threshold").GetDouble().ToString("0.00"),
                present ? "[bold]present[/]" : "absent");
        }
        console.Write(table);
        if (result.TryGetProperty("derivedLeads", out var derived) && derived.GetArrayLength() > 0)
            console.MarkupLine($"derived from I and II: {Markup.Escape(string.Join(", ", derived.EnumerateArray().Select(d => d.GetString())))}");
        console.MarkupLine($"[grey]{Markup.Escape(result.GetProperty("disclaimer").GetString() ?? "")}[/]");
    }
}
