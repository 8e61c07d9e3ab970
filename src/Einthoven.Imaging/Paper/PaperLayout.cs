namespace Einthoven.Imaging.Paper;

/// <summary>How the twelve leads are arranged on the page.</summary>
public enum PaperLayout
{
    /// <summary>The standard 12-lead print: three rows of four 2.5 s leads (I aVR V1 V4 / II aVL V2 V5 / III aVF V3 V6) and a 10 s lead II rhythm strip.</summary>
    ThreeByFour,
    /// <summary>Six rows of two 5 s leads: limb leads in the first column, chest leads in the second.</summary>
    SixByTwo,
    /// <summary>Twelve rows, each lead for the full 10 s.</summary>
    TwelveByOne,
}

/// <summary>One lead's place in a layout: row, column and the stretch of the record it shows (seconds from the window start).</summary>
public sealed record LeadSlot(string Lead, int Row, int Column, double StartSeconds, double DurationSeconds);

public static class PaperLayouts
{
    /// <summary>Every layout shows a 10 s window of the record.</summary>
    public const double WindowSeconds = 10;

    private static readonly string[] Limb = ["I", "II", "III", "aVR", "aVL", "aVF"];
    private static readonly string[] Chest = ["V1", "V2", "V3", "V4", "V5", "V6"];

    public static int Rows(PaperLayout layout) => layout switch
    {
        PaperLayout.ThreeByFour => 4,
        PaperLayout.SixByTwo => 6,
        PaperLayout.TwelveByOne => 12,
        _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, null),
    };

    public static IReadOnlyList<LeadSlot> Slots(PaperLayout layout) => layout switch
    {
        PaperLayout.ThreeByFour =>
        [
            .. new[] { new[] { "I", "aVR", "V1", "V4" }, ["II", "aVL", "V2", "V5"], ["III", "aVF", "V3", "V6"] }
                .SelectMany((row, r) => row.Select((lead, c) => new LeadSlot(lead, r, c, c * 2.5, 2.5))),
            new LeadSlot("II", 3, 0, 0, WindowSeconds),
        ],
        PaperLayout.SixByTwo =>
        [
            .. Limb.Select((lead, r) => new LeadSlot(lead, r, 0, 0, 5)),
            .. Chest.Select((lead, r) => new LeadSlot(lead, r, 1, 5, 5)),
        ],
        PaperLayout.TwelveByOne => [.. Limb.Concat(Chest).Select((lead, r) => new LeadSlot(lead, r, 0, 0, WindowSeconds))],
        _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, null),
    };

    public static string Label(PaperLayout layout) => layout switch
    {
        PaperLayout.ThreeByFour => "3x4+1",
        PaperLayout.SixByTwo => "6x2",
        PaperLayout.TwelveByOne => "12x1",
        _ => layout.ToString(),
    };
}
