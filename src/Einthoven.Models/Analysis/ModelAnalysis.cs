using Einthoven.Models.Beats;
using Einthoven.Signal.Analysis;
using Einthoven.Signal.Records;

namespace Einthoven.Models.Analysis;

/// <summary>The report of a <see cref="ModelAnalyzer"/> run, with the classified beats behind its counts.</summary>
/// <param name="BeatLead">The lead the beats were detected and classified on.</param>
/// <param name="RhythmLead">The lead the rhythm was classified on.</param>
public sealed record ModelAnalysis(AnalysisReport Report, IReadOnlyList<ClassifiedBeat> Beats, int BeatLead, int RhythmLead)
{
    /// <summary>
    /// WFDB annotations: every beat with its AAMI class (symbols N, S, V, F, Q) on the beat lead, and a rhythm change
    /// ('+' with "(N", "(AFIB", "(OTHER" or "(NOISE") at the start of the record and wherever a window's label changes.
    /// </summary>
    public IReadOnlyList<Annotation> ToAnnotations()
    {
        var fs = Report.SamplingFrequency;
        var changes = new List<Annotation>();
        string? previous = null;
        foreach (var w in Report.Rhythm?.Windows ?? [])
        {
            if (w.Label != previous) changes.Add(new Annotation((long)Math.Round(w.StartSeconds * fs), AnnotationCodes.Rhythm, Channel: RhythmLead, Aux: RhythmAux(w.Label)));
            previous = w.Label;
        }
        return Beats.Select(b => new Annotation(b.Sample, AamiMapping.Code(b.Class), Channel: BeatLead))
            .Concat(changes).OrderBy(a => a.Sample).ToArray();
    }

    /// <summary>The rhythm label as WFDB aux text (MIT-BIH style for the two it has).</summary>
    public static string RhythmAux(string label) => label switch
    {
        RhythmVerdict.Normal => "(N",
        RhythmVerdict.AtrialFibrillation => "(AFIB",
        RhythmVerdict.Other => "(OTHER",
        _ => "(NOISE",
    };
}
