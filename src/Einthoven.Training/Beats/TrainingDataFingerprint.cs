using System.Globalization;
using Einthoven.Models.Beats;

namespace Einthoven.Training.Beats;

/// <summary>
/// A short description of the training data `train beats` prepares: per record, its labelled beats, their classes and
/// the mean magnitude of their windows and features. The card keeps it and a test recomputes it from DS1, so a change
/// in how beats are found or cut (which silently changed what `train beats` trains in session 4) fails a test instead
/// of leaving shipped weights that the command no longer reproduces. Means rather than a hash, so that the last bits
/// of floating-point arithmetic, which may differ between CPUs, do not count.
/// </summary>
public static class TrainingDataFingerprint
{
    private const int Fields = 5;

    /// <summary>"record beats N/S/V/F/Q mean|window| mean|feature|" per record, joined by "; ".</summary>
    public static string Of(IReadOnlyList<LabelledRecord> records) => string.Join("; ", records.Select(r => string.Join(" ",
        r.Key,
        r.Count.ToString(CultureInfo.InvariantCulture),
        string.Join("/", AamiMapping.Classes.Select(c => r.Labels.Count(l => l == c))),
        MeanMagnitude(r.Features.Windows),
        MeanMagnitude(r.Features.Features))));

    /// <summary>
    /// How <paramref name="actual"/> differs from <paramref name="expected"/> (empty if they agree): records missing or
    /// added, beat or class counts that differ, means that differ by more than <paramref name="tolerance"/> relatively.
    /// </summary>
    public static IReadOnlyList<string> Differences(string expected, string actual, double tolerance = 1e-6)
    {
        var wanted = Parse(expected, nameof(expected));
        var found = Parse(actual, nameof(actual));
        var differences = new List<string>();
        foreach (var (record, e) in wanted)
        {
            if (!found.TryGetValue(record, out var a)) { differences.Add($"{record}: missing"); continue; }
            if (e[1] != a[1] || e[2] != a[2]) differences.Add($"{record}: beats {e[1]} ({e[2]}) became {a[1]} ({a[2]})");
            for (var k = 3; k < Fields; k++)
            {
                double x = Number(e[k]), y = Number(a[k]);
                if (Math.Abs(x - y) > tolerance * Math.Max(Math.Abs(x), Math.Abs(y)))
                    differences.Add($"{record}: mean |{(k == 3 ? "window" : "feature")}| {e[k]} became {a[k]}");
            }
        }
        differences.AddRange(found.Keys.Where(r => !wanted.ContainsKey(r)).Select(r => $"{r}: added"));
        return differences;
    }

    private static string MeanMagnitude(float[] values)
    {
        var sum = 0.0;
        foreach (var v in values) sum += Math.Abs(v);
        return (sum / Math.Max(1, values.Length)).ToString("G8", CultureInfo.InvariantCulture);
    }

    private static Dictionary<string, string[]> Parse(string fingerprint, string name)
    {
        var entries = new Dictionary<string, string[]>();
        foreach (var entry in fingerprint.Split("; ", StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = entry.Split(' ');
            if (fields.Length != Fields || !double.TryParse(fields[3], NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                || !double.TryParse(fields[4], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                throw new FormatException($"{name}: '{entry}' is not 'record beats N/S/V/F/Q window-mean feature-mean'");
            entries[fields[0]] = fields;
        }
        return entries;
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
