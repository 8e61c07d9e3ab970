using Einthoven.Models.Pacemaker;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Einthoven.TestSupport;

namespace Einthoven.Models.Tests.Pacemaker;

/// <summary>The shipped pacemaker detector on real records at PTB-XL's 100 Hz and MIT-BIH's 360 Hz.</summary>
public sealed class PacemakerDetectorTests
{
    private static string PtbXl(int ecgId) => Path.Combine(TestData.PtbXl, "records100", (ecgId / 1000 * 1000).ToString("00000"), $"{ecgId:00000}_lr.hea");

    /// <summary>The first two minutes of a MIT-BIH record (enough beats, a short test).</summary>
    private static EcgRecord MitBih(string name)
    {
        using var reader = RecordFiles.Open(TestData.MitDbRecord(name) + ".hea");
        var length = (int)(120 * reader.Info.SamplingFrequency);
        return new EcgRecord(reader.Info with { SampleCount = length }, reader.Read(0, length).Samples);
    }

    [Fact]
    public void The_shipped_detector_loads_with_its_card_checked() =>
        Assert.Equal(("einthoven-pacemaker", "1"), (PacemakerDetector.Shipped.Version.Name, PacemakerDetector.Shipped.Version.Version));

    [Theory]
    [InlineData(144, true)]
    [InlineData(1908, true)]
    [InlineData(1, false)]
    [InlineData(2, false)]
    public void Ptbxl_records_at_100_hz(int ecgId, bool paced)
    {
        var verdict = PacemakerDetector.Shipped.Detect(RecordFiles.Read(PtbXl(ecgId)));
        Assert.Equal(paced, verdict.Paced);
        Assert.InRange(verdict.Probability, 0, 1);
        Assert.Equal("model", verdict.DecidedBy);
    }

    [Theory]
    [InlineData("107", true)]
    [InlineData("217", true)]
    [InlineData("100", false)]
    public void Mitbih_records_at_360_hz(string name, bool paced)
    {
        var verdict = PacemakerDetector.Shipped.Detect(MitBih(name));
        Assert.Equal(paced, verdict.Paced);
        if (paced) Assert.True(verdict.Probability >= PacemakerDetector.StrongSpikeProbability, $"{verdict}");
    }

    [Fact]
    public void Features_are_the_named_ones_at_100_and_360_hz()
    {
        var low = PacemakerFeatures.Compute(RecordFiles.Read(PtbXl(1)));
        var high = PacemakerFeatures.Compute(MitBih("100"));
        Assert.Equal(PacemakerFeatures.Count, low.Length);
        Assert.Equal(PacemakerFeatures.Count, high.Length);
        Assert.All(low.Concat(high), x => Assert.False(double.IsInfinity(x)));
        Assert.True(double.IsNaN(high[Array.IndexOf(PacemakerFeatures.Names, "qrs_axis_sin")]) || high.Length > 0); // 2 leads: no frontal axis needed
        Assert.InRange(low[Array.IndexOf(PacemakerFeatures.Names, "qrs_ms")], 40, 200);
    }

    [Fact]
    public void A_model_file_for_other_features_is_refused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pacemaker-{Guid.NewGuid():N}.json");
        try
        {
            (PacemakerDetector.Shipped.Model with { Features = ["x", .. PacemakerFeatures.Names.Skip(1)] }).Save(path);
            Assert.Throws<Einthoven.Learning.Serialization.ModelFormatException>(() => PacemakerModel.Load(path));
        }
        finally { File.Delete(path); }
    }
}
