using Einthoven.Learning.Serialization;
using Einthoven.Models.Rhythm;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;
using Einthoven.Training.Rhythm;

namespace Einthoven.Training.Tests.Rhythm;

public class RhythmClassifierTests
{
    private static readonly Lazy<CincDataset> Slice = new(() => CincDataset.Load(TestData.Cinc2017, limit: 200));

    [Fact]
    public void Shipped_weights_load_and_agree_with_most_reference_labels()
    {
        var classifier = RhythmClassifier.LoadShipped();
        var data = Slice.Value;
        var predictions = RhythmTraining.Classify(classifier, data, Enumerable.Range(0, data.Count).ToArray());
        Assert.All(predictions, p => Assert.Equal(1, p.Probabilities.Sum(), 3));
        var agreement = predictions.Where((p, i) => RhythmLabels.Index(p.Label) == data.Labels[i]).Count() / (double)data.Count;
        Assert.True(agreement > 0.75, $"agreement {agreement:0.000} on records the model was trained on");
    }

    [Fact]
    public void Classify_reads_a_record_end_to_end()
    {
        var record = RecordFiles.Read(Path.Combine(TestData.Cinc2017, "A00004.hea"));
        var prediction = RhythmClassifier.LoadShipped().Classify(record);
        Assert.Contains(prediction.Label, RhythmLabels.All);
        Assert.Equal(4, prediction.Probabilities.Count);
    }

    [Fact]
    public void Tiny_training_run_beats_chance_and_is_reproducible()
    {
        var options = new RhythmTrainingOptions { Epochs = 15, Threads = 1 };
        var score = RhythmTraining.CrossValidate(Slice.Value, 2, options);
        Assert.Equal(Slice.Value.Count, score.Total);
        Assert.True(score.F1(0) > 0.6, $"F1(N) {score.F1(0):0.000}");
        var first = RhythmTraining.Train(Slice.Value, null, options).ClassifyFeatures(Slice.Value.Features);
        var second = RhythmTraining.Train(Slice.Value, null, options with { Threads = 2 }).ClassifyFeatures(Slice.Value.Features);
        Assert.Equal(first.SelectMany(p => p.Probabilities), second.SelectMany(p => p.Probabilities));
    }

    [Fact]
    public void Saved_weights_round_trip_and_bad_metadata_is_named()
    {
        var classifier = RhythmClassifier.LoadShipped();
        var path = Path.Combine(TestData.TempDir(), "rhythm.safetensors");
        classifier.Save(path);
        Assert.Equal(RhythmTraining.Classify(classifier, Slice.Value, [0])[0].Probabilities,
            RhythmTraining.Classify(RhythmClassifier.Load(path), Slice.Value, [0])[0].Probabilities);

        var content = SafeTensors.Read(path);
        var metadata = content.Metadata.ToDictionary();
        metadata["feature_scale"] = string.Join(",", Enumerable.Repeat("0", RhythmFeatures.Count));
        SafeTensors.Write(path, content.Tensors, metadata);
        var error = Assert.Throws<ModelFormatException>(() => RhythmClassifier.Load(path));
        Assert.Contains("feature_scale", error.Message);
    }

    [Fact]
    public void Feature_rows_of_the_wrong_width_are_rejected() =>
        Assert.Throws<ArgumentException>(() => RhythmTraining.Train(Slice.Value, null, new RhythmTrainingOptions { Epochs = 1 })
            .ClassifyFeatures(new float[RhythmFeatures.Count + 1]));
}
