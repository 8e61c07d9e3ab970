using System.Globalization;
using System.Text;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Csv;

/// <summary>
/// Writes a record as CSV: a directive line with the rate, start, gains and baselines, the header comments as '##'
/// lines, a header row of "name [unit]" and one row of physical values per sample. Values are written with the
/// fewest digits that give back the same double, so reading them at the stated gain gives the same digital samples.
/// Annotations and metadata have no place in this CSV and are not written.
/// </summary>
internal static class CsvWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(ISignalReader source, string path)
    {
        var info = source.Info;
        if (info.Leads.Count == 0)
            throw new ArgumentException($"record '{info.Name}' has no leads to write", nameof(source));
        if (info.Leads.FirstOrDefault(l => !double.IsFinite(l.Gain) || l.Gain == 0) is { } bad)
            throw new ArgumentException($"lead '{bad.Name}' has gain {bad.Gain}; physical values need a finite non-zero gain", nameof(source));
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        var directives = new List<string> { $"sampling_rate={info.SamplingFrequency.ToString("R", Invariant)}" };
        if (info.Start is { } start) directives.Add($"start={start.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", Invariant)}");
        else if (info.StartDate is { } date) directives.Add($"start={date.ToString("yyyy-MM-dd", Invariant)}");
        directives.Add("gain=" + string.Join(",", info.Leads.Select(l => l.Gain.ToString("R", Invariant))));
        directives.Add("baseline=" + string.Join(",", info.Leads.Select(l => (l.Baseline + l.BaselineFraction).ToString("R", Invariant))));
        writer.WriteLine("# " + string.Join("; ", directives));
        foreach (var comment in info.Comments)
            foreach (var line in comment.Split('\n'))
                writer.WriteLine("## " + line.TrimEnd('\r'));
        writer.WriteLine(string.Join(",", info.Leads.Select(l => Quote($"{l.Name} [{l.Unit}]"))));

        Span<char> number = stackalloc char[40];
        foreach (var block in SignalWindows.Of(source))
        {
            for (var i = 0; i < block.Length; i++)
            {
                for (var lead = 0; lead < info.Leads.Count; lead++)
                {
                    if (lead > 0) writer.Write(',');
                    info.Leads[lead].ToPhysical(block.Samples[lead][i]).TryFormat(number, out var length, "R", Invariant);
                    writer.Write(number[..length]);
                }
                writer.Write('\n');
            }
        }
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', ';', '\t']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
}
