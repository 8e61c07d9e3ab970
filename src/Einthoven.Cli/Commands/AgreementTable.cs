using Einthoven.Evaluation.Delineation;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary>The table of a record-level check against PTB-XL's statements: one row per group and criterion.</summary>
internal static class AgreementTable
{
    public static Table Of(string title, IEnumerable<Agreement> agreements)
    {
        var table = new Table().Title(Markup.Escape(title)).AddColumns("Group", "Criterion", "Records", "Agree", "Unmeasured", "Agreement %");
        foreach (var a in agreements)
            table.AddRow(Markup.Escape(a.Group), Markup.Escape(a.Criterion), a.Records.ToString(), a.Agreeing.ToString(), a.Unmeasured.ToString(), a.Percent.ToString("0.0"));
        return table;
    }
}
