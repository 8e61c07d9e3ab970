using Einthoven.Learning.Serialization;
using Einthoven.Models.Analysis;
using Einthoven.Models.Rhythm;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Einthoven.TestSupport;

namespace Einthoven.Models.Tests.Rhythm;

public class RestingRhythmHeadTests
{
    private static readonly Lazy<RecordRhythm> WithoutHead = new(RecordRhythm.LoadShippedWithoutHead), Shipped = new(RecordRhythm.LoadShipped);

    private static EcgRecord PtbXl(string ecgId) => RecordFiles.Read(Path.Combine(TestData.PtbXl, "records100", "00000", ecgId + "_lr.hea"));

    [Fact]
    public void The_shipped_head_matches_its_card_and_reads_the_features_the_code_computes()
    {
        var card = ModelCard.Load(RestingRhythmHead.ShippedCardPath);
        Assert.Equal(card.WeightsSha256, ModelCard.Sha256(card.VerifiedWeightsPath(RestingRhythmHead.ShippedCardPath)));
        var head = RestingRhythmHead.LoadCard(RestingRhythmHead.ShippedCardPath);
        Assert.Equal(RestingRhythmFeatures.Names, head.Features);
        Assert.Equal(string.Join(",", RestingRhythmFeatures.Names), card.Details["features"]);
        Assert.Equal(Shipped.Value.HeadModel, new ModelVersion(card.Name, card.Version));
    }

    [Fact]
    public void A_head_whose_features_differ_from_the_code_is_refused()
    {
        var head = RestingRhythmHead.LoadCard(RestingRhythmHead.ShippedCardPath);
        var path = Path.Combine(TestData.TempDir(), "head.json");
        (head with { Features = [.. head.Features.Skip(1), "something_else"] }).Save(path);
        Assert.Contains("features", Assert.Throws<ModelFormatException>(() => RestingRhythmHead.Load(path)).Message);
        head.Save(path);
        Assert.Equal(head.Weights.SelectMany(w => w), RestingRhythmHead.Load(path).Weights.SelectMany(w => w));
    }

    [Fact]
    public void Probabilities_keep_the_cinc_models_too_noisy_and_share_out_the_rest()
    {
        var head = RestingRhythmHead.LoadCard(RestingRhythmHead.ShippedCardPath);
        var p = head.Probabilities([0.1, 0.1, 0.5, 0.3], head.Mean);
        Assert.Equal(1, p.Sum(), 9);
        Assert.Equal(0.3, p[RhythmLabels.Index("~")], 9);
        Assert.All(p, x => Assert.InRange(x, 0, 1));
    }

    [Fact]
    public void A_sinus_tachycardia_the_cinc_model_calls_other_rhythm_is_sinus_with_the_head()
    {
        // PTB-XL 108 (fold 8: NORM, STACH): every lead's CinC reading says O; the head, fitted on PTB-XL, says N.
        var record = PtbXl("00108");
        Assert.Equal("O", WithoutHead.Value.Classify(record).Label);
        Assert.Equal("N", Shipped.Value.Classify(record).Label);
    }

    [Fact]
    public void Recordings_that_are_not_resting_ecgs_of_three_or_more_leads_do_not_use_the_head()
    {
        var twelve = PtbXl("00130");
        var two = new EcgRecord(twelve.Info with { Leads = twelve.Info.Leads.Take(2).ToArray() }, twelve.Samples.Take(2).ToArray());
        Assert.Null(WithoutHead.Value.RestingInputs(two));
        Assert.Equal(WithoutHead.Value.Classify(two).Probabilities, Shipped.Value.Classify(two).Probabilities);
        Assert.NotNull(WithoutHead.Value.RestingInputs(twelve));
    }
}
