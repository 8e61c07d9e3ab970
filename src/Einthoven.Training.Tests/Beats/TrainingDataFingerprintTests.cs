using Einthoven.Evaluation.Databases;
using Einthoven.Learning.Serialization;
using Einthoven.Models.Beats;
using Einthoven.TestSupport;
using Einthoven.Training.Beats;

namespace Einthoven.Training.Tests.Beats;

public class TrainingDataFingerprintTests
{
    private static LabelledRecord Record(string name, float value, params AamiClass[] labels)
    {
        var windows = Enumerable.Repeat(value, labels.Length * BeatInputLayout.InputSize).ToArray();
        var features = Enumerable.Repeat(-value, labels.Length * BeatInputLayout.FeatureCount).ToArray();
        return new LabelledRecord(name, new BeatFeatures(windows, features), labels);
    }

    [Fact]
    public void Fingerprints_differ_where_beats_classes_or_inputs_differ_and_not_in_the_last_bits()
    {
        var a = TrainingDataFingerprint.Of([Record("101", 0.5f, AamiClass.N, AamiClass.V), Record("106", 1f, AamiClass.N)]);
        Assert.Equal("101 2 1/0/1/0/0 0.5 0.5; 106 1 1/0/0/0/0 1 1", a);
        Assert.Empty(TrainingDataFingerprint.Differences(a, a));
        Assert.Empty(TrainingDataFingerprint.Differences(a, TrainingDataFingerprint.Of([Record("101", 0.5000001f, AamiClass.N, AamiClass.V), Record("106", 1f, AamiClass.N)])));
        Assert.Equal(["101: mean |window| 0.5 became 0.50010002", "101: mean |feature| 0.5 became 0.50010002"],
            TrainingDataFingerprint.Differences(a, TrainingDataFingerprint.Of([Record("101", 0.5001f, AamiClass.N, AamiClass.V), Record("106", 1f, AamiClass.N)])));
        Assert.Equal(["101: beats 2 (1/0/1/0/0) became 2 (1/1/0/0/0)", "106: missing", "108: added"],
            TrainingDataFingerprint.Differences(a, TrainingDataFingerprint.Of([Record("101", 0.5f, AamiClass.N, AamiClass.S), Record("108", 1f, AamiClass.N)])));
        Assert.Throws<FormatException>(() => TrainingDataFingerprint.Differences(a, "101 2 nonsense"));
    }

    [Fact]
    public void The_shipped_weights_were_trained_on_the_beats_that_train_beats_prepares_today()
    {
        // A sample of the 44 records and their 128-Hz copies (all of them take minutes): one of DS1, one of DS2, the
        // patient recorded twice; the card's fingerprint holds every record.
        var card = ModelCard.Load(BeatClassifier.ShippedCardPath);
        var sample = LabelledRecord.LoadMitBih(TestData.MitDb, ["106", "201", "202", "232"], resampledTo: new BeatBuildOptions().ResampledRates);
        var today = TrainingDataFingerprint.Of(sample);
        var keys = sample.Select(r => r.Key).ToHashSet();
        var expected = string.Join("; ", card.Details[BeatModelBuilder.FingerprintDetail].Split("; ").Where(e => keys.Contains(e.Split(' ')[0])));
        Assert.Equal(8, keys.Count);
        var differences = TrainingDataFingerprint.Differences(expected, today);
        Assert.True(differences.Count == 0,
            "The training beats are no longer those the shipped beat weights were trained on, so `einthoven train beats` "
            + "does not reproduce them: retrain, evaluate and document the new model (docs/BENCHMARKS.md).\n" + string.Join("\n", differences.Take(10)));
    }
}
