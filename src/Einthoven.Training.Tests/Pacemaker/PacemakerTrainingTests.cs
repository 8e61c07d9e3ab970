using Einthoven.Models.Pacemaker;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;
using Einthoven.Training.Pacemaker;

namespace Einthoven.Training.Tests.Pacemaker;

/// <summary>The pacemaker model's fit, threshold and augmentation, on small inputs (the full run is <c>einthoven train pacemaker</c>).</summary>
public sealed class PacemakerTrainingTests
{
    private static PacemakerSample Sample(int id, int fold, bool paced, double qrs, double spikes)
    {
        var f = new double[PacemakerFeatures.Count];
        f[Array.IndexOf(PacemakerFeatures.Names, "qrs_ms")] = qrs;
        f[Array.IndexOf(PacemakerFeatures.Names, "relaxed_fraction")] = spikes;
        f[Array.IndexOf(PacemakerFeatures.Names, "qrs_axis_sin")] = double.NaN;
        return new PacemakerSample(id, fold, 0, paced, f);
    }

    private static List<PacemakerSample> Toy()
    {
        var random = new Random(1);
        return Enumerable.Range(0, 200).Select(i =>
        {
            var paced = i % 10 == 0;
            return Sample(i, 1 + i % 4, paced, (paced ? 150 : 95) + 15 * (random.NextDouble() - 0.5), (paced ? 0.6 : 0.05) + 0.2 * (random.NextDouble() - 0.5));
        }).ToList();
    }

    [Fact]
    public void Fitted_model_separates_paced_and_is_deterministic()
    {
        var a = PacemakerTraining.Fit(Toy(), l2: 1);
        var b = PacemakerTraining.Fit(Toy(), l2: 1);
        Assert.Equal(a.Weights, b.Weights);
        Assert.True(a.Probability(Sample(0, 1, true, 160, 0.7).Features) > 0.9);
        Assert.True(a.Probability(Sample(0, 1, false, 90, 0.0).Features) < 0.1);
    }

    [Fact]
    public void Cross_validation_scores_every_record_once_and_the_threshold_keeps_specificity()
    {
        var data = Toy();
        var cv = PacemakerTraining.CrossValidate(data, 1);
        Assert.Equal(data.Count, cv.Held.Count);
        var threshold = PacemakerTraining.ChooseThreshold(cv.Held);
        Assert.InRange(threshold, 0.0001, 0.9999);
        var falseAlarms = cv.Held.Count(h => !h.Sample.Paced && h.Probability >= threshold);
        Assert.True(falseAlarms <= 0.01 * data.Count(s => !s.Paced));
    }

    [Fact]
    public void Augmented_variants_are_deterministic_and_keep_the_chosen_leads()
    {
        var record = RecordFiles.Read(Path.Combine(TestData.PtbXl, "records100", "00000", "00144_lr.hea"));
        var a = PacemakerAugmentation.Apply(record, 1, 26);
        var b = PacemakerAugmentation.Apply(record, 1, 26);
        Assert.Equal(["II", "V1"], a.Info.Leads.Select(l => l.Name).ToArray());
        Assert.Equal(a.Samples[0], b.Samples[0]);
        Assert.InRange(a.Info.SampleCount, 600, 1000);
        Assert.Equal(12, PacemakerAugmentation.Apply(record, 4, 26).Info.Leads.Count);
    }
}
