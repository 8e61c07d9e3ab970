using System.CommandLine;
using System.Globalization;
using Einthoven.Evaluation.Databases;
using Einthoven.Evaluation.Rhythm;
using Einthoven.Learning.Serialization;
using Einthoven.Models.Analysis;
using Einthoven.Models.Beats;
using Einthoven.Models.Rhythm;
using Einthoven.Training.Rhythm;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary>
/// <c>einthoven eval rhythm DBDIR</c>: the rhythm verdict on PTB-XL against its statements (<see cref="PtbXlRhythmCheck"/>),
/// or its 30-s windows on MIT-BIH DS1 against the reference rhythm (<see cref="MitBihRhythmCheck"/>).
/// </summary>
public static class EvalRhythmCommand
{
    public static Command Create()
    {
        var command = new Command("rhythm", "Check the rhythm verdict: on PTB-XL, records called atrial fibrillation among AFIB, AFLT, PAC, PVC and plain sinus records (held out by leave-one-fold-out cross-validation of the 12-lead head, and in-sample); on MIT-BIH DS1, 30-s windows against the reference rhythm (CinC 2017 cross-validation is part of `train rhythm`)");
        var database = new Argument<string>("dbdir") { Description = "Directory of PTB-XL (with ptbxl_database.csv) or of the MIT-BIH Arrhythmia Database" };
        command.Arguments.Add(database);
        command.SetAction(r =>
        {
            var dbdir = r.GetValue(database)!;
            var console = CliRunner.Console(r);
            var rhythm = ModelAnalyzer.Shipped.Rhythm;
            if (File.Exists(Path.Combine(dbdir, "ptbxl_database.csv"))) CheckPtbXl(console, rhythm, dbdir);
            else if (DatabaseRecords.Exists(dbdir)) CheckMitBih(console, rhythm, dbdir);
            else throw new DirectoryNotFoundException($"neither PTB-XL (no ptbxl_database.csv) nor MIT-BIH (no RECORDS): {dbdir}");
            var head = rhythm.HeadModel is { } h ? $", 12-lead head {h.Name} {h.Version} (resting ECGs of 3+ leads)" : "";
            console.MarkupLine($"[grey]model {Markup.Escape(rhythm.Model.Name)} {Markup.Escape(rhythm.Model.Version)}{Markup.Escape(head)}[/]");
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }

    private static void CheckPtbXl(IAnsiConsole console, RecordRhythm rhythm, string dbdir)
    {
        var groups = EvalProgress.Run(console, "PTB-XL records", p => PtbXlRhythmCheck.Run(rhythm, dbdir, p));
        if (rhythm.HeadModel is null)
        {
            WriteGroups(console, "PTB-XL folds 1-9: the rhythm verdict by the records' statements", groups);
            return;
        }
        // The shipped 12-lead head was fitted on folds 1-9: the verdicts above are in-sample, the cross-validation is the figure.
        var card = ModelCard.Load(RestingRhythmHead.ShippedCardPath);
        var l2 = double.Parse(card.Details["l2"], CultureInfo.InvariantCulture);
        var data = EvalProgress.Run(console, "PTB-XL records, CinC model alone", p => RestingRhythmDataset.Load(dbdir, progress: p));
        var cv = RestingRhythmTraining.CrossValidate(data, l2);
        WriteGroups(console, $"PTB-XL folds 1-9, HELD OUT: leave-one-fold-out cross-validation of the 12-lead head (L2 {l2:0.###}, as shipped)", cv.Groups);
        WriteGroups(console, "PTB-XL folds 1-9, IN-SAMPLE: the shipped head was fitted on these folds (not a held-out figure)", groups);
    }

    /// <summary>A table of <see cref="PtbXlRhythmCheck"/>'s groups: how many of each were called N, A, O and ~.</summary>
    internal static void WriteGroups(IAnsiConsole console, string title, IReadOnlyList<PtbXlRhythmGroup> groups)
    {
        var table = new Table().Title(Markup.Escape(title)).AddColumns("Records", "Count", "N", "A", "O", "~", "Called AF %", "Called N %");
        foreach (var g in groups)
            table.AddRow([Markup.Escape(g.Name), g.Records.ToString(), .. RhythmLabels.All.Select(l => g.Called(l).ToString()),
                (100 * g.AfFraction).ToString("0.0"), (100 * g.Fraction(RhythmVerdict.Normal)).ToString("0.0")]);
        console.Write(table);
        console.MarkupLine("[grey]N normal (sinus) rhythm, A atrial fibrillation, O other rhythm, ~ too noisy; sinus statements (SR, STACH, SBRAD, SARRH) should be N.[/]");
    }

    private static void CheckMitBih(IAnsiConsole console, RecordRhythm rhythm, string dbdir)
    {
        var windows = EvalProgress.Run(console, "MIT-BIH DS1 records", p => MitBihRhythmCheck.Run(rhythm, dbdir, DeChazalSplit.Ds1, p));
        var table = new Table().Title("MIT-BIH DS1: 30-s windows called atrial fibrillation, by the reference rhythm over half of each")
            .AddColumns("Reference", "Windows", "Called AF", "%", "S beats in them");
        foreach (var group in windows.GroupBy(w => w.Reference).OrderBy(g => g.Key))
        {
            var called = group.Where(w => w.CalledAf).ToArray();
            table.AddRow(Describe(group.Key), group.Count().ToString(), called.Length.ToString(),
                (100.0 * called.Length / group.Count()).ToString("0.0"), called.Sum(w => w.SBeats).ToString());
        }
        console.Write(table);
        var falseAf = windows.Where(w => w.CalledAf && w.Reference == ReferenceRhythm.Organised).GroupBy(w => w.Record)
            .Select(g => $"{g.Key}: {g.Count()}").ToArray();
        console.MarkupLine($"Windows called AF in organised rhythm (no fibrillation or flutter), by record: {(falseAf.Length == 0 ? "none" : string.Join(", ", falseAf))}");
        console.MarkupLine("[grey]DS1 only: DS2 is the beat classifier's held-out set, and S beats in windows called AF become N.[/]");
    }

    private static string Describe(ReferenceRhythm reference) => reference switch
    {
        ReferenceRhythm.AtrialFibrillation => "fibrillation",
        ReferenceRhythm.AtrialFlutter => "flutter",
        ReferenceRhythm.Organised => "organised",
        _ => "partly AF or flutter",
    };
}
