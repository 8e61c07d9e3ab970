using Einthoven.Evaluation.Databases;
using Einthoven.Signal.Analysis;
using Einthoven.Signal.Analysis.Measurements;
using Einthoven.Signal.Formats;

namespace Einthoven.Evaluation.Delineation;

/// <summary>
/// Checks the global measurements against PTB-XL's cardiologist statements (likelihood at least 50):
/// complete bundle-branch block means QRS at least 120 ms, NORM less; LNGQT means a long QTc (Bazett at least 450 ms);
/// left anterior fascicular block means left axis deviation (below -30°), left posterior fascicular block right
/// axis deviation (above +90°), NORM a normal axis; first-degree AV block a PR above 200 ms.
/// The reduced CSV here has no heart_axis column, so the axis is checked through these SCP statements.
/// </summary>
public static class DelineationEvaluation
{
    public const double MinLikelihood = 50;

    private static readonly (string Group, string Criterion, Func<PtbXlEntry, bool> Member, Func<GlobalMeasurements, bool?> Agrees)[] Checks =
    [
        ("CLBBB or CRBBB", "QRS >= 120 ms", e => e.Has("CLBBB", MinLikelihood) || e.Has("CRBBB", MinLikelihood), m => m.QrsMs >= 120),
        ("NORM", "QRS < 120 ms", e => e.Has("NORM", MinLikelihood), m => m.QrsMs < 120),
        ("LNGQT", "QTc (Bazett) >= 450 ms", e => e.Has("LNGQT", MinLikelihood), m => m.QtcBazettMs is { } q ? q >= 450 : null),
        ("NORM", "QTc (Bazett) < 450 ms", e => e.Has("NORM", MinLikelihood), m => m.QtcBazettMs is { } q ? q < 450 : null),
        ("LAFB", "QRS axis < -30°", e => e.Has("LAFB", MinLikelihood), m => m.QrsAxis is { } a ? a < -30 : null),
        ("LPFB", "QRS axis > +90°", e => e.Has("LPFB", MinLikelihood), m => m.QrsAxis is { } a ? a > 90 : null),
        ("NORM", "QRS axis -30° to +90°", e => e.Has("NORM", MinLikelihood), m => m.QrsAxis is { } a ? a is >= -30 and <= 90 : null),
        ("1AVB", "PR > 200 ms", e => e.Has("1AVB", MinLikelihood), m => m.PrMs is { } p ? p > 200 : null),
    ];

    /// <summary>Analyses every record that belongs to a checked group and returns one agreement per check.</summary>
    public static IReadOnlyList<Agreement> Run(IReadOnlyList<PtbXlEntry> entries, Action<int, int>? progress = null)
    {
        var relevant = entries.Where(e => Checks.Any(c => c.Member(e))).ToArray();
        var measured = new GlobalMeasurements?[relevant.Length];
        for (var i = 0; i < relevant.Length; i++)
        {
            measured[i] = RecordAnalyzer.Analyze(RecordFiles.Read(relevant[i].HeaderPath)).Intervals;
            progress?.Invoke(i + 1, relevant.Length);
        }
        return Checks.Select(c =>
        {
            int records = 0, agreeing = 0, unmeasured = 0;
            for (var i = 0; i < relevant.Length; i++)
            {
                if (!c.Member(relevant[i])) continue;
                records++;
                switch (measured[i] is { } m ? c.Agrees(m) : null)
                {
                    case null: unmeasured++; break;
                    case true: agreeing++; break;
                }
            }
            return new Agreement(c.Group, c.Criterion, records, agreeing, unmeasured);
        }).ToArray();
    }
}
