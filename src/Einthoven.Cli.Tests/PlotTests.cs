using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using Einthoven.Cli.Plotting;
using Einthoven.Signal.Records;
using Einthoven.TestSupport;

namespace Einthoven.Cli.Tests;

public class PlotTests
{
    private const double Fs = 500;

    /// <summary>0 mV for the first second, then 1 mV: the trace must step by exactly one gain at exactly one second of paper.</summary>
    private static EcgRecord Step()
    {
        var samples = Enumerable.Range(0, 3 * (int)Fs).Select(i => i < Fs ? 0 : 200).ToArray();
        var info = new RecordInfo { Name = "step", SamplingFrequency = Fs, SampleCount = samples.Length, Leads = [new LeadInfo { Name = "II", Gain = 200 }] };
        return new EcgRecord(info, [samples]);
    }

    private static XElement[] Elements(string svg, string cls) =>
        XDocument.Parse(svg).Descendants().Where(e => (string?)e.Attribute("class") == cls).ToArray();

    private static (double X, double Y)[] Points(XElement polyline) =>
        polyline.Attribute("points")!.Value.Split(' ').Select(p => p.Split(','))
            .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture))).ToArray();

    [Theory]
    [InlineData(25, 10)]
    [InlineData(50, 20)]
    [InlineData(25, 5)]
    public void Svg_scale_is_true_millimetres(double speed, double gain)
    {
        var svg = SvgRenderer.Render(EcgPlotBuilder.Build(Step(), new EcgPlotOptions(0, 3, speed, gain)));
        var root = XDocument.Parse(svg).Root!;
        var viewBox = root.Attribute("viewBox")!.Value.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal($"{viewBox[2].ToString(CultureInfo.InvariantCulture)}mm", root.Attribute("width")!.Value); // one user unit = 1 mm

        var trace = Points(Elements(svg, "trace-0").Single());
        Assert.Equal(3 * (int)Fs, trace.Length);
        Assert.Equal(speed, trace[(int)Fs].X - trace[0].X, 6);                       // 1 s of paper
        Assert.Equal(-gain, trace[(int)(1.5 * Fs)].Y - trace[(int)(0.5 * Fs)].Y, 6); // 1 mV step, up the page
    }

    [Fact]
    public void One_millivolt_is_ten_millimetres_and_one_second_twenty_five()
    {
        var svg = SvgRenderer.Render(EcgPlotBuilder.Build(Step(), new EcgPlotOptions(0, 3)));
        var trace = Points(Elements(svg, "trace-0").Single());
        Assert.Equal(25, trace[(int)Fs].X - trace[0].X, 6);
        Assert.Equal(-10, trace[(int)(1.5 * Fs)].Y - trace[(int)(0.5 * Fs)].Y, 6); // up the page is positive voltage
        var pulse = Points(Elements(svg, "calibration-0").Single());
        Assert.Equal(10, pulse.Max(p => p.Y) - pulse.Min(p => p.Y), 6);
        Assert.Equal(5, pulse[3].X - pulse[2].X, 6); // 200 ms wide
        var minor = Elements(svg, "grid-minor").Where(e => e.Attribute("x1")!.Value == e.Attribute("x2")!.Value)
            .Select(e => double.Parse(e.Attribute("x1")!.Value, CultureInfo.InvariantCulture)).Order().ToArray();
        Assert.Equal(1, minor[1] - minor[0], 6);
        var major = Elements(svg, "grid-major").Where(e => e.Attribute("x1")!.Value == e.Attribute("x2")!.Value)
            .Select(e => double.Parse(e.Attribute("x1")!.Value, CultureInfo.InvariantCulture)).Order().ToArray();
        Assert.Equal(5, major[1] - major[0], 6);
        Assert.Contains("25 mm/s", Elements(svg, "header").Single().Value);
    }

    [Fact]
    public void Mitdb_plot_marks_beats_and_reference_symbols()
    {
        var dir = TestData.TempDir();
        var path = Path.Combine(dir, "100.svg");
        var (code, _, error) = CliHarness.Run("plot", TestData.MitDbRecord("100"), "--from", "0", "--to", "10", "-o", path);
        Assert.True(code == 0, error);
        var svg = File.ReadAllText(path);
        var marks = Elements(svg, "r-peak").Length;
        Assert.InRange(marks, 2 * 11, 2 * 14); // ~12 beats in 10 s, marked on both leads
        var symbols = Elements(svg, "annotation").Select(e => e.Value).ToArray();
        Assert.Contains("N", symbols);
        Assert.Equal(["MLII", "V5"], Elements(svg, "label-0").Concat(Elements(svg, "label-1")).Select(e => e.Value));
    }

    [Fact]
    public void Png_is_a_valid_image_with_grid_and_trace()
    {
        var dir = TestData.TempDir();
        var path = Path.Combine(dir, "100.png");
        var (code, _, error) = CliHarness.Run("plot", TestData.MitDbRecord("100"), "--to", "5", "--leads", "MLII", "--gain", "20", "-o", path);
        Assert.True(code == 0, error);
        var png = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        var width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16));
        var height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20));
        var idatLength = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(33));
        Assert.Equal("IDAT", System.Text.Encoding.ASCII.GetString(png, 37, 4));
        using var z = new ZLibStream(new MemoryStream(png, 41, idatLength), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        Assert.Equal(height * (1 + 3 * width), raw.Length);
        var pixels = raw.ToArray();
        var colours = Enumerable.Range(0, height).SelectMany(y => Enumerable.Range(0, width).Select(x => 1 + y * (1 + 3 * width) + 3 * x))
            .Select(i => (pixels[i], pixels[i + 1], pixels[i + 2])).ToHashSet();
        Assert.Contains(colours, c => c.Item1 > 200 && c.Item2 < 170 && c.Item3 < 170); // red grid
        Assert.Contains(colours, c => c.Item1 < 40 && c.Item2 < 40 && c.Item3 < 40);    // black trace and text
    }

    [Theory]
    [InlineData("--speed", "30")]
    [InlineData("--gain", "7")]
    public void Only_standard_speeds_and_gains_are_accepted(string option, string value)
    {
        var (code, _, _) = CliHarness.Run("plot", TestData.MitDbRecord("100"), option, value, "-o", Path.Combine(TestData.TempDir(), "x.svg"));
        Assert.NotEqual(0, code);
    }

    [Fact]
    public void Bad_requests_say_what_is_wrong()
    {
        var dir = TestData.TempDir();
        var (code, _, error) = CliHarness.Run("plot", TestData.MitDbRecord("100"), "-o", Path.Combine(dir, "x.bmp"));
        Assert.Equal(CliRunner.ExitCodes.Usage, code);
        Assert.Contains(".svg or .png", error);
        (code, _, error) = CliHarness.Run("plot", TestData.MitDbRecord("100"), "--leads", "V9", "-o", Path.Combine(dir, "x.svg"));
        Assert.Equal(CliRunner.ExitCodes.Usage, code);
        Assert.Contains("no lead 'V9'", error);
        (code, _, error) = CliHarness.Run("plot", TestData.MitDbRecord("100"), "--from", "5000", "-o", Path.Combine(dir, "x.svg"));
        Assert.Equal(CliRunner.ExitCodes.Usage, code);
        Assert.Contains("selects no samples", error);
    }
}
