using Einthoven.Evaluation.Databases;
using Einthoven.Signal.Formats.Wfdb;

namespace Einthoven.Evaluation.Beats;

/// <summary>
/// Which records of a beat-annotated WFDB database <c>eval beats</c> scores. On the MIT-BIH Arrhythmia Database it is
/// DS2, the SPEC's held-out half for beat models v1-v5; since v7 the shipped model is trained on all 44 unpaced
/// records, so DS2 is flagged as seen in training. Any other database (MIT-BIH SVDB, INCART, a hospital's own) was never seen in
/// training, so all its records are scored, except those with paced beats, which the inter-patient protocol leaves
/// out as it does MIT-BIH's 102, 104, 107 and 217.
/// </summary>
/// <param name="Records">The records to score, in order.</param>
/// <param name="Title">A title for reports, e.g. "DS2" or "12 records of svdb".</param>
/// <param name="IsDs2">The SPEC's DS2, so de Chazal's figures are the comparison.</param>
/// <param name="Paced">Records left out because their reference holds paced beats.</param>
/// <param name="Unannotated">Records with a header but no reference annotations (.atr), so nothing to score.</param>
/// <param name="SeenInTraining">MIT-BIH records the shipped model learned from (all 44 unpaced ones), so their figures are not held out.</param>
public sealed record EvaluationRecords(IReadOnlyList<string> Records, string Title, bool IsDs2, IReadOnlyList<string> Paced,
    IReadOnlyList<string> Unannotated, IReadOnlyList<string> SeenInTraining)
{
    public const string Auto = "auto", Ds2 = "ds2", All = "all";

    private const string PacedSymbol = "/";

    /// <param name="selection"><see cref="Auto"/> (DS2 on MIT-BIH, else <see cref="All"/>), <see cref="Ds2"/>,
    /// <see cref="All"/>, or record names separated by commas (scored as given, paced or not).</param>
    public static EvaluationRecords Choose(string databaseDirectory, string? selection = Auto)
    {
        if (!Directory.Exists(databaseDirectory)) throw new DirectoryNotFoundException($"database directory not found: {databaseDirectory}");
        var (annotated, unannotated) = Listed(databaseDirectory);
        selection = string.IsNullOrWhiteSpace(selection) ? Auto : selection.Trim();
        if (selection.Equals(Auto, StringComparison.OrdinalIgnoreCase))
            selection = DeChazalSplit.Ds2.All(annotated.Contains) ? Ds2 : All;
        if (selection.Equals(Ds2, StringComparison.OrdinalIgnoreCase))
        {
            var missing = DeChazalSplit.Ds2.Where(r => !annotated.Contains(r)).ToArray();
            if (missing.Length > 0)
                throw new FileNotFoundException($"{databaseDirectory} is not the MIT-BIH Arrhythmia Database: DS2 record(s) {string.Join(", ", missing)} have no header and reference annotations (.hea, .atr)");
            return new EvaluationRecords(DeChazalSplit.Ds2, "DS2", IsDs2: true, [], [], DeChazalSplit.Ds2);
        }
        if (selection.Equals(All, StringComparison.OrdinalIgnoreCase))
        {
            var paced = annotated.Where(r => HasPacedBeats(databaseDirectory, r)).ToArray();
            var records = annotated.Except(paced).ToArray();
            if (records.Length == 0)
                throw new FileNotFoundException($"no record in {databaseDirectory} has a header and unpaced reference beat annotations (.hea and .atr)");
            return Other(databaseDirectory, records, annotated, paced, unannotated);
        }
        var named = selection.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var unknown = named.Where(r => !annotated.Contains(r)).ToArray();
        if (unknown.Length > 0)
            throw new FileNotFoundException($"record(s) {string.Join(", ", unknown)} have no header and reference annotations (.hea, .atr) in {databaseDirectory}");
        return Other(databaseDirectory, named.Distinct().ToArray(), annotated, [], []);
    }

    private static EvaluationRecords Other(string databaseDirectory, string[] records, List<string> annotated, string[] paced, List<string> unannotated)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(databaseDirectory)));
        var isMitBih = DeChazalSplit.Ds1.Concat(DeChazalSplit.Ds2).All(annotated.Contains);
        return new EvaluationRecords(records, $"{records.Length} record{(records.Length == 1 ? "" : "s")} of {name}", IsDs2: false, paced,
            unannotated, isMitBih ? records.Where(DeChazalSplit.Unpaced.Contains).ToArray() : []);
    }

    // The RECORDS file's order when the database has one (PhysioNet's do), else every header's, by name.
    private static (List<string> Annotated, List<string> Unannotated) Listed(string databaseDirectory)
    {
        var names = DatabaseRecords.Exists(databaseDirectory)
            ? DatabaseRecords.Read(databaseDirectory).ToList()
            : Directory.EnumerateFiles(databaseDirectory, "*.hea").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var withHeader = names.Where(r => File.Exists(Path.Combine(databaseDirectory, r + ".hea"))).ToList();
        var annotated = withHeader.Where(r => File.Exists(Path.Combine(databaseDirectory, r + "." + MitBihBeats.Annotator))).ToList();
        return (annotated, withHeader.Except(annotated).ToList());
    }

    private static bool HasPacedBeats(string databaseDirectory, string record) =>
        WfdbAnnotationReader.Read(Path.Combine(databaseDirectory, record + "." + MitBihBeats.Annotator)).Any(a => a.Symbol == PacedSymbol);
}
