using System.Runtime.InteropServices;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Einthoven.TestSupport;
using SkiaSharp;

namespace Einthoven.Imaging.Tests;

/// <summary>Records to print and a way to read a page's pixels back.</summary>
internal static class Pages
{
    public static readonly string[] TwelveLeads = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"];

    /// <summary>A 10 s, twelve-lead record whose lead i has the value <paramref name="wave"/>(i, t) mV.</summary>
    public static EcgRecord Synthetic(Func<int, double, double> wave, double fs = 100, double seconds = 10, string[]? leads = null)
    {
        leads ??= TwelveLeads;
        var n = (int)Math.Round(fs * seconds);
        var infos = leads.Select(l => new LeadInfo { Name = l, Gain = 1000, AdcResolution = 16 }).ToArray();
        var samples = infos.Select((info, i) => Enumerable.Range(0, n).Select(k => info.ToDigital(wave(i, k / fs))).ToArray()).ToArray();
        return new EcgRecord(new RecordInfo { Name = "synthetic", SamplingFrequency = fs, SampleCount = n, Leads = infos }, samples);
    }

    public static double Sine(int lead, double t) => Math.Sin(2 * Math.PI * t + lead * 0.5);

    /// <summary>The first records of PTB-XL fold 9 (ptbxl_database.csv: ecg_id is the first column, strat_fold the last).</summary>
    public static IEnumerable<string> PtbXlFold9()
    {
        var lines = File.ReadLines(Path.Combine(TestData.PtbXl, "ptbxl_database.csv")).Skip(1);
        foreach (var line in lines)
        {
            if (line[(line.LastIndexOf(',') + 1)..].Trim() != "9") continue;
            var id = int.Parse(line[..line.IndexOf(',')]);
            yield return Path.Combine(TestData.PtbXl, "records100", $"{id / 1000 * 1000:00000}", $"{id:00000}_lr");
        }
    }

    public static EcgRecord FirstFold9Record() => RecordFiles.Read(PtbXlFold9().First());

    /// <summary>A bitmap's pixel bytes, to compare two images exactly.</summary>
    public static byte[] Bytes(SKBitmap bitmap)
    {
        var bytes = new byte[bitmap.ByteCount];
        Marshal.Copy(bitmap.GetPixels(), bytes, 0, bytes.Length);
        return bytes;
    }
}

/// <summary>A bitmap's luminance (0 black .. 255 white), copied out once.</summary>
internal sealed class Luminance
{
    private readonly double[] _l;
    public int Width { get; }
    public int Height { get; }

    public Luminance(SKBitmap bitmap)
    {
        Assert.Equal(SKColorType.Rgba8888, bitmap.ColorType);
        (Width, Height) = (bitmap.Width, bitmap.Height);
        var bytes = new byte[bitmap.ByteCount];
        Marshal.Copy(bitmap.GetPixels(), bytes, 0, bytes.Length);
        _l = new double[Width * Height];
        for (var i = 0; i < _l.Length; i++)
            _l[i] = 0.299 * bytes[4 * i] + 0.587 * bytes[4 * i + 1] + 0.114 * bytes[4 * i + 2];
    }

    public double this[int x, int y] => x >= 0 && y >= 0 && x < Width && y < Height ? _l[y * Width + x] : 255;

    /// <summary>Mean over the 3x3 pixels around (x, y).</summary>
    public double Around(double x, double y)
    {
        var (cx, cy) = ((int)Math.Round(x), (int)Math.Round(y));
        var sum = 0.0;
        for (var dy = -1; dy <= 1; dy++)
        for (var dx = -1; dx <= 1; dx++) sum += this[cx + dx, cy + dy];
        return sum / 9;
    }

    /// <summary>Darkness-weighted centre of the pixels darker than <paramref name="threshold"/> in column x between y0 and y1, or null.</summary>
    public double? DarkCentre(int x, int y0, int y1, double threshold = 140)
    {
        double weight = 0, sum = 0;
        for (var y = Math.Max(0, y0); y <= Math.Min(Height - 1, y1); y++)
        {
            var d = threshold - this[x, y];
            if (d <= 0) continue;
            weight += d;
            sum += d * y;
        }
        return weight > 0 ? sum / weight : null;
    }
}
