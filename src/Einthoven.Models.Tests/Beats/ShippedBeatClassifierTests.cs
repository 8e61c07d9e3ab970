using Einthoven.Learning.Serialization;
using Einthoven.Models.Beats;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;

namespace Einthoven.Models.Tests.Beats;

public class ShippedBeatClassifierTests
{
    private static readonly Lazy<BeatClassifier> Shipped = new(BeatClassifier.LoadShipped);

    [Fact]
    public void The_shipped_weights_load_and_their_hash_matches_the_card()
    {
        var card = ModelCard.Load(BeatClassifier.ShippedCardPath);
        var weights = Path.Combine(Path.GetDirectoryName(BeatClassifier.ShippedCardPath)!, card.WeightsFile);
        Assert.Equal(card.WeightsSha256, ModelCard.Sha256(weights));
        Assert.Equal("beats", card.Name);
        Assert.Equal("7", card.Version);
        Assert.Contains("cv_128hz_accuracy", card.Metrics.Keys);
        // The premature-beat rule the card describes is the one saved with the weights.
        Assert.Contains(Shipped.Value.Model.Premature.Format(), card.Details["premature_beat_rule"]);
        Assert.Contains("cv_accuracy", card.Metrics.Keys);
        Assert.True(new FileInfo(weights).Length < 5_000_000);
        Assert.NotNull(Shipped.Value.Card);
        Assert.Equal(int.Parse(card.Details["ensemble_members"]), Shipped.Value.Model.Members.Count);
    }

    [Fact]
    public void The_shipped_card_in_the_repository_is_the_one_copied_to_the_output()
    {
        var repository = Path.Combine(TestData.RepoRoot, "src", "Einthoven.Models", "Weights", BeatClassifier.ShippedCardFile);
        Assert.Equal(File.ReadAllText(repository), File.ReadAllText(BeatClassifier.ShippedCardPath));
    }

    [Fact]
    public void Weights_that_do_not_match_the_card_are_refused()
    {
        var dir = TestData.TempDir();
        var source = Path.GetDirectoryName(BeatClassifier.ShippedCardPath)!;
        var card = Path.Combine(dir, BeatClassifier.ShippedCardFile);
        File.Copy(BeatClassifier.ShippedCardPath, card);
        var weightsFile = ModelCard.Load(card).WeightsFile;
        var weights = File.ReadAllBytes(Path.Combine(source, weightsFile));
        weights[^1] ^= 0x40;
        File.WriteAllBytes(Path.Combine(dir, weightsFile), weights);
        var error = Assert.Throws<ModelFormatException>(() => BeatClassifier.Load(card));
        Assert.Equal("weights_sha256", error.Field);
        Assert.Throws<FileNotFoundException>(() => BeatClassifier.Load(Path.Combine(dir, "missing.card.json")));
    }

    [Fact]
    public void Record_100_is_detected_and_classified_mostly_normal()
    {
        // MIT-BIH 100 (DS2): 2273 beats, 2239 of them N, 33 A, 1 V.
        var record = RecordFiles.Read(TestData.MitDbRecord("100"));
        var beats = Shipped.Value.Classify(record);
        Assert.InRange(beats.Count, 2250, 2300);
        Assert.True(beats.Count(b => b.Class == AamiClass.N) > 0.95 * beats.Count);
        Assert.All(beats.Take(50), b => Assert.Equal(1f, b.Probabilities.Sum(), 3));
        Assert.True(beats.Zip(beats.Skip(1)).All(p => p.First.Sample < p.Second.Sample));
    }

    [Theory]
    [InlineData("cinc2017", "A00001.hea", 1)] // one lead, 300 Hz, 30 s
    [InlineData("ptbxl", "records100/00000/00001_lr.hea", 12)] // 12 leads, 100 Hz, 10 s
    public void Records_of_other_databases_and_rates_are_classified(string database, string file, int leads)
    {
        var record = RecordFiles.Read(Path.Combine(TestData.Root, database, file));
        Assert.Equal(leads, record.Info.Leads.Count);
        var beats = Shipped.Value.Classify(record);
        var seconds = record.Info.SampleCount / record.Info.SamplingFrequency;
        Assert.InRange(beats.Count, seconds * 0.4, seconds * 3.5);
        Assert.All(beats, b => Assert.Equal(1f, b.Probabilities.Sum(), 3));
    }

    [Fact]
    public void A_beat_whose_QRS_the_record_cut_is_unclassifiable()
    {
        // 100 Hz, 1000 samples: R peaks closer than 0.1 s (10 samples) to either end are Q whatever the network says.
        long[] samples = [3, 9, 10, 500, 989, 990, 996];
        var probabilities = Enumerable.Range(0, samples.Length).SelectMany(_ => new[] { 0.1f, 0, 0.9f, 0, 0 }).ToArray();
        var beats = BeatClassifier.Label(samples, probabilities, sampleCount: 1000, samplingFrequency: 100);
        Assert.Equal([AamiClass.Q, AamiClass.Q, AamiClass.V, AamiClass.V, AamiClass.V, AamiClass.Q, AamiClass.Q], beats.Select(b => b.Class));
        Assert.Equal(samples, beats.Select(b => b.Sample));
    }

    [Fact]
    public void A_normal_ptbxl_ECG_that_starts_inside_a_QRS_gets_no_V_beat()
    {
        // PTB-XL 466 (NORM, sinus rhythm): the record starts inside a QRS, which beats v5's network alone called V (v7's
        // calls it N); whatever the network says, a cut QRS is Q (A_beat_whose_QRS_the_record_cut_is_unclassifiable).
        var record = RecordFiles.Read(Path.Combine(TestData.PtbXl, "records100", "00000", "00466_lr.hea"));
        var beats = Shipped.Value.Classify(record);
        Assert.Equal(AamiClass.Q, beats[0].Class);
        Assert.True(beats[0].Sample < 10);
        Assert.All(beats.Skip(1), b => Assert.Equal(AamiClass.N, b.Class));
    }

    [Fact]
    public void Annotations_use_the_five_class_symbols()
    {
        var beats = new[]
        {
            new ClassifiedBeat(10, AamiClass.N, [1, 0, 0, 0, 0]), new ClassifiedBeat(300, AamiClass.V, [0, 0, 1, 0, 0]),
            new ClassifiedBeat(600, AamiClass.Q, [0, 0, 0, 0, 1]),
        };
        var annotations = BeatClassifier.ToAnnotations(beats);
        Assert.Equal(["N", "V", "Q"], annotations.Select(a => a.Symbol));
        Assert.Equal([10L, 300, 600], annotations.Select(a => a.Sample));
        Assert.Empty(Shipped.Value.Classify(RecordFiles.Read(TestData.MitDbRecord("100")), []));
    }
}
