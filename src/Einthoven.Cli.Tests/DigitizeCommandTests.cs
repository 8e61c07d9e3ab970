using Einthoven.Server.Tests.Hosting;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;
using SkiaSharp;

namespace Einthoven.Cli.Tests;

/// <summary><c>einthoven digitize</c>: a phone photo of a real PTB-XL record back into a record, and the refusals.</summary>
public class DigitizeCommandTests
{
    [Fact]
    public void A_phone_photo_of_a_ptbxl_record_becomes_a_twelve_lead_record_with_its_overlay()
    {
        var dir = TestData.TempDir();
        var photo = Path.Combine(dir, "paper.jpg");
        File.WriteAllBytes(photo, TestPhotos.PhoneJpeg());
        var (output, overlay) = (Path.Combine(dir, "paper.edf"), Path.Combine(dir, "overlay.png"));

        var (code, stdout, stderr) = CliHarness.Run("digitize", photo, "-o", output, "--rate", "250", "--overlay", overlay);

        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("layout", stdout);
        Assert.Contains("V6", stdout);
        Assert.Contains("Confidence", stdout);
        var record = RecordFiles.Read(output);
        Assert.Equal(250, record.Info.SamplingFrequency);
        Assert.Equal(2500, record.Info.SampleCount);
        Assert.Equal(12, record.Info.Leads.Count);
        // Lead II is printed for the whole 10 s (the rhythm strip): it follows the original.
        var original = RecordFiles.Read(TestPhotos.PtbXlStem(TestPhotos.Fold9Record));
        var truth = original.Physical(original.Info.LeadIndex("II"));
        var found = record.Physical(record.Info.LeadIndex("II"));
        var resampled = Enumerable.Range(0, truth.Length).Select(i => found[Math.Min(found.Length - 1, (int)Math.Round(i * 2.5))]).ToArray();
        Assert.True(Correlation(truth, resampled) > 0.6, $"lead II correlates {Correlation(truth, resampled):0.00} with the original");

        using var painted = SKBitmap.Decode(overlay);
        using var source = SKBitmap.Decode(photo);
        Assert.Equal((source.Width, source.Height), (painted.Width, painted.Height));
        var bright = painted.Pixels.Count(p => p is { Green: > 180, Red: < 100, Blue: < 140 }); // Pixels copies: read it once
        Assert.True(bright > painted.Width, $"{bright} bright green trace pixels");
    }

    [Fact]
    public void Noise_is_refused_with_advice_and_no_record_is_written()
    {
        var dir = TestData.TempDir();
        var noise = Path.Combine(dir, "noise.png");
        File.WriteAllBytes(noise, TestPhotos.NoisePng());
        var output = Path.Combine(dir, "noise.edf");
        var (code, _, stderr) = CliHarness.Run("digitize", noise, "-o", output);
        Assert.Equal(CliRunner.ExitCodes.BadInput, code);
        Assert.Matches(@"\((NotAnEcg|GridNotFound|TooBlurred|Cropped|LayoutNotFound)\)", stderr); // NotAnEcg once the digitiser tells noise apart (see DigitizeTests)
        Assert.Contains("advice:", stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Bad_files_and_options_exit_non_zero_naming_what_is_wrong()
    {
        var dir = TestData.TempDir();
        var text = Path.Combine(dir, "notes.jpg");
        File.WriteAllText(text, "not an image");
        var (code, _, stderr) = CliHarness.Run("digitize", text, "-o", Path.Combine(dir, "x.edf"));
        Assert.Equal(CliRunner.ExitCodes.BadInput, code);
        Assert.Contains("notes.jpg", stderr);

        (code, _, stderr) = CliHarness.Run("digitize", Path.Combine(dir, "missing.jpg"), "-o", Path.Combine(dir, "x.edf"));
        Assert.Equal(CliRunner.ExitCodes.NotFound, code);
        Assert.Contains("missing.jpg", stderr);

        (code, _, stderr) = CliHarness.Run("digitize", text, "-o", Path.Combine(dir, "x.edf"), "--rate", "10");
        Assert.Equal(CliRunner.ExitCodes.Usage, code);
        Assert.Contains("--rate", stderr);

        (code, _, stderr) = CliHarness.Run("digitize", text, "-o", Path.Combine(dir, "x.edf"), "--overlay", Path.Combine(dir, "o.gif"));
        Assert.Equal(CliRunner.ExitCodes.Usage, code);
        Assert.Contains("o.gif", stderr);

        (code, _, stderr) = CliHarness.Run("digitize", text, "-o", Path.Combine(dir, "x.unknown"));
        Assert.Equal(CliRunner.ExitCodes.BadInput, code);
        Assert.Contains("x.unknown", stderr);
    }

    private static double Correlation(double[] a, double[] b)
    {
        var (ma, mb) = (a.Average(), b.Average());
        double ab = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++) { ab += (a[i] - ma) * (b[i] - mb); aa += (a[i] - ma) * (a[i] - ma); bb += (b[i] - mb) * (b[i] - mb); }
        return ab / Math.Sqrt(aa * bb);
    }
}
