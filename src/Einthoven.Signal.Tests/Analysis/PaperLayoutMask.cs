using Einthoven.Signal.Records;

namespace Einthoven.Signal.Tests.Analysis;

/// <summary>Real records as a paper ECG's digitised form reads them: each lead 0 outside the stretch it was printed in.</summary>
internal static class PaperLayoutMask
{
    /// <summary>The 3x4 page with a lead II rhythm strip: I, II, III in the first 2.5 s, aVR-aVF, V1-V3, V4-V6 after; lead II whole.</summary>
    public static EcgRecord ThreeByFour(EcgRecord record)
    {
        string[][] columns = [["I", "II", "III"], ["aVR", "aVL", "aVF"], ["V1", "V2", "V3"], ["V4", "V5", "V6"]];
        var masked = record.Samples.Select(s => (int[])s.Clone()).ToArray();
        var window = (int)(2.5 * record.Info.SamplingFrequency);
        for (var c = 0; c < columns.Length; c++)
            foreach (var lead in columns.Where((_, k) => k != c).SelectMany(x => x).Where(l => l != "II"))
                Array.Fill(masked[record.Info.LeadIndex(lead)], 0, c * window, window);
        return new EcgRecord(record.Info with { Leads = record.Info.Leads.Select(l => l with { Baseline = 0 }).ToArray() }, masked);
    }
}
