using Einthoven.Learning.Serialization;
using Einthoven.Learning.Tensors;
using Einthoven.Models.Rhythm;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;
using Einthoven.Training.Rhythm;

namespace Einthoven.Training.Tests.Rhythm;

public class RhythmCnnTests
{
    private static readonly Lazy<CincDataset> Slice = new(() => CincDataset.Load(TestData.Cinc2017, limit: 40));
    private static readonly RhythmTrainingOptions Tiny = RhythmTrainingOptions.For(RhythmModelKind.Cnn) with { Epochs = 2, Threads = 1 };
    private static readonly Lazy<RhythmClassifier> Trained = new(() => RhythmTraining.Train(Slice.Value, null, Tiny));

    [Fact]
    public void Network_maps_any_length_of_signal_and_the_features_to_four_logits()
    {
        var network = RhythmNetwork.CreateCnn(1);
        foreach (var length in new[] { RhythmSignal.CropLength, 3000 })
        {
            var output = network.Predict(new Tensor(new float[2 * length], 2, 1, length), new Tensor(new float[2 * RhythmFeatures.Count], 2, RhythmFeatures.Count));
            Assert.True(output.HasShape(2, RhythmLabels.All.Length), output.ToString());
        }
    }

    [Fact]
    public void Dataset_signals_are_prepared_once_per_record()
    {
        var data = Slice.Value;
        Assert.Equal(data.Count, data.Signals.Length);
        Assert.All(data.Signals, s => Assert.InRange(s.Length, 9 * 100 - 1, 61 * 100));
    }

    [Fact]
    public void Training_is_reproducible_across_thread_counts()
    {
        var rows = Enumerable.Range(0, Slice.Value.Count).ToArray();
        var first = RhythmTraining.Classify(Trained.Value, Slice.Value, rows);
        var second = RhythmTraining.Classify(RhythmTraining.Train(Slice.Value, null, Tiny with { Threads = 2 }), Slice.Value, rows);
        Assert.Equal(first.SelectMany(p => p.Probabilities), second.SelectMany(p => p.Probabilities));
        Assert.All(first, p => Assert.Equal(1, p.Probabilities.Sum(), 3));
    }

    [Fact]
    public void Early_stopping_holds_out_an_inner_split_and_changes_the_fit()
    {
        var rows = Enumerable.Range(0, Slice.Value.Count).ToArray();
        var stopped = RhythmTraining.Classify(RhythmTraining.Train(Slice.Value, null, Tiny with { Patience = 1, ValidationParts = 4 }), Slice.Value, rows);
        Assert.All(stopped, p => Assert.Equal(1, p.Probabilities.Sum(), 3));
        Assert.NotEqual(RhythmTraining.Classify(Trained.Value, Slice.Value, rows).SelectMany(p => p.Probabilities), stopped.SelectMany(p => p.Probabilities));
    }

    [Fact]
    public void Saved_cnn_round_trips_and_classifies_a_record()
    {
        var path = Path.Combine(TestData.TempDir(), "rhythm.safetensors");
        Trained.Value.Save(path);
        var loaded = RhythmClassifier.Load(path);
        Assert.Equal(RhythmModelKind.Cnn, loaded.Kind);
        var record = RecordFiles.Read(Path.Combine(TestData.Cinc2017, "A00004.hea"));
        Assert.Equal(Trained.Value.Classify(record).Probabilities, loaded.Classify(record).Probabilities);
        Assert.Throws<InvalidOperationException>(() => loaded.ClassifyFeatures(new float[RhythmFeatures.Count]));
    }

    [Fact]
    public void Unknown_model_kind_or_mismatched_tensors_are_named()
    {
        var path = Path.Combine(TestData.TempDir(), "rhythm.safetensors");
        Trained.Value.Save(path);
        var content = SafeTensors.Read(path);
        var metadata = content.Metadata.ToDictionary();
        metadata["model"] = "transformer";
        SafeTensors.Write(path, content.Tensors, metadata);
        Assert.Contains("model", Assert.Throws<ModelFormatException>(() => RhythmClassifier.Load(path)).Message);

        metadata["model"] = "mlp";
        SafeTensors.Write(path, content.Tensors, metadata);
        Assert.Throws<ModelFormatException>(() => RhythmClassifier.Load(path));
    }
}
