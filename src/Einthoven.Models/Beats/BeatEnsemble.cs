using Einthoven.Learning;
using Einthoven.Learning.Layers;
using Einthoven.Learning.Losses;
using Einthoven.Learning.Serialization;
using Einthoven.Learning.Tensors;

namespace Einthoven.Models.Beats;

/// <summary>One trained pair of experts (see <see cref="BeatExperts"/>).</summary>
public sealed record BeatMember(Network Morphology, Network Rhythm);

/// <summary>
/// One or more expert pairs trained from different seeds; the prediction is the mean of their AAMI class
/// probabilities, adjusted by the <see cref="Decision"/> rule, then the <see cref="Premature"/> rule. Saved as one
/// .safetensors file whose tensors are named "member{k}.morphology.{path}" and "member{k}.rhythm.{path}", with the
/// rules in the metadata (a file without the premature-beat rule has it off).
/// </summary>
public sealed class BeatEnsemble
{
    private const string MembersKey = "members", DecisionKey = "class_scales", PrematureKey = "premature_beat_rule";
    private const int Batch = 256;
    private static readonly string[] Experts = ["morphology", "rhythm"];

    public BeatEnsemble(IReadOnlyList<BeatMember> members, BeatDecisionRule? decision = null, PrematureBeatRule? premature = null)
    {
        if (members.Count == 0) throw new ArgumentException("an ensemble needs at least one member", nameof(members));
        Members = members;
        Decision = decision ?? BeatDecisionRule.Identity;
        Premature = premature ?? PrematureBeatRule.Off;
    }

    public IReadOnlyList<BeatMember> Members { get; }

    /// <summary>Class scales applied to the members' mean probabilities.</summary>
    public BeatDecisionRule Decision { get; }

    /// <summary>Isolated premature beats with an unlike P wave called S after the class scales (off unless fitted).</summary>
    public PrematureBeatRule Premature { get; }

    /// <summary>The same members with another decision rule.</summary>
    public BeatEnsemble WithDecision(BeatDecisionRule decision) => new(Members, decision, Premature);

    /// <summary>The same members with another premature-beat rule.</summary>
    public BeatEnsemble WithPremature(PrematureBeatRule premature) => new(Members, Decision, premature);

    public long ParameterCount => Members.Sum(m => m.Morphology.ParameterCount + m.Rhythm.ParameterCount);

    /// <summary>Class probabilities [Count, 5] indexed by <see cref="AamiClass"/>, flat; safe to call from several threads at once.</summary>
    public float[] Probabilities(BeatFeatures beats) => Probabilities(beats, Replicate());

    /// <summary>
    /// The members with their layers replicated (weights shared): what <see cref="Probabilities(BeatFeatures, IReadOnlyList{BeatMember})"/>
    /// runs on. A caller that classifies small batches often (live monitoring) keeps one set per thread instead of
    /// replicating per call.
    /// </summary>
    public IReadOnlyList<BeatMember> Replicate() => Members.Select(m => new BeatMember(m.Morphology.Replicate(), m.Rhythm.Replicate())).ToArray();

    /// <summary>Class probabilities as <see cref="Probabilities(BeatFeatures)"/> on replicas from <see cref="Replicate"/>, which one thread at a time may use.</summary>
    public float[] Probabilities(BeatFeatures beats, IReadOnlyList<BeatMember> replicas)
    {
        var result = new float[beats.Count * AamiMapping.ClassCount];
        if (beats.Count == 0) return result;
        Span<float> morphology = stackalloc float[BeatExperts.MorphologyClasses];
        Span<float> rhythm = stackalloc float[BeatExperts.RhythmClasses];
        Span<float> combined = stackalloc float[AamiMapping.ClassCount];
        for (var start = 0; start < beats.Count; start += Batch)
        {
            var n = Math.Min(Batch, beats.Count - start);
            var windows = new Tensor(beats.Windows.AsSpan(start * BeatInputLayout.InputSize, n * BeatInputLayout.InputSize).ToArray(),
                n, BeatInputLayout.Channels, BeatInputLayout.Length);
            var features = new Tensor(beats.Features.AsSpan(start * BeatInputLayout.FeatureCount, n * BeatInputLayout.FeatureCount).ToArray(),
                n, BeatInputLayout.FeatureCount);
            var rhythmFeatures = RhythmFeatures(beats, start, n);
            var target = result.AsSpan(start * AamiMapping.ClassCount, n * AamiMapping.ClassCount);
            foreach (var (morphologyNet, rhythmNet) in replicas)
            {
                var morphologyLogits = morphologyNet.Forward(windows, features, PassContext.Inference);
                var rhythmLogits = rhythmNet.Forward(rhythmFeatures, null, PassContext.Inference);
                for (var s = 0; s < n; s++)
                {
                    SoftmaxCrossEntropy.Softmax(morphologyLogits.Sample(s), morphology);
                    SoftmaxCrossEntropy.Softmax(rhythmLogits.Sample(s), rhythm);
                    BeatExperts.Combine(morphology, rhythm, combined);
                    var row = target.Slice(s * AamiMapping.ClassCount, AamiMapping.ClassCount);
                    for (var c = 0; c < combined.Length; c++) row[c] += combined[c] / replicas.Count;
                }
            }
        }
        Decision.ApplyAll(result);
        Premature.ApplyAll(result, beats);
        return result;
    }

    private static Tensor RhythmFeatures(BeatFeatures beats, int start, int count)
    {
        var width = BeatInputLayout.RhythmExpertFeatures.Count;
        var values = new float[count * width];
        for (var s = 0; s < count; s++) BeatInputLayout.GatherRhythmFeatures(beats.FeatureRow(start + s), values.AsSpan(s * width, width));
        return new Tensor(values, count, width);
    }

    public void Save(string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var all = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>()) { [MembersKey] = Members.Count.ToString(), [DecisionKey] = Decision.Format(), [PrematureKey] = Premature.Format() };
        SafeTensors.Write(path, Members.SelectMany((m, k) =>
            Tensors(m.Morphology).Select(t => ($"member{k}.{Experts[0]}.{t.Name}", t.Tensor))
                .Concat(Tensors(m.Rhythm).Select(t => ($"member{k}.{Experts[1]}.{t.Name}", t.Tensor)))), all);
    }

    /// <summary>Loads an ensemble saved by <see cref="Save"/>; a file that does not fit the architecture is a <see cref="ModelFormatException"/>.</summary>
    public static BeatEnsemble Load(string path)
    {
        var content = SafeTensors.Read(path);
        if (!content.Metadata.TryGetValue(MembersKey, out var text) || !int.TryParse(text, out var count) || count is < 1 or > 64)
            throw new ModelFormatException(path, "__metadata__.members", "missing or not a member count in 1..64");
        var decision = BeatDecisionRule.Identity;
        if (content.Metadata.TryGetValue(DecisionKey, out var scales))
            decision = BeatDecisionRule.Parse(scales) ?? throw new ModelFormatException(path, $"__metadata__.{DecisionKey}", $"not {AamiMapping.ClassCount} positive class scales: {scales}");
        var premature = PrematureBeatRule.Off;
        if (content.Metadata.TryGetValue(PrematureKey, out var rule))
            premature = PrematureBeatRule.Parse(rule) ?? throw new ModelFormatException(path, $"__metadata__.{PrematureKey}", $"not \"off\" or four thresholds: {rule}");
        var members = new BeatMember[count];
        for (var k = 0; k < count; k++)
        {
            members[k] = new BeatMember(BeatNetwork.CreateMorphology(0), BeatNetwork.CreateRhythm(0));
            NetworkWeights.Apply(members[k].Morphology, Part(content, $"member{k}.{Experts[0]}."), path);
            NetworkWeights.Apply(members[k].Rhythm, Part(content, $"member{k}.{Experts[1]}."), path);
        }
        var expected = members.Sum(m => Tensors(m.Morphology).Count() + Tensors(m.Rhythm).Count());
        if (content.Tensors.Count != expected)
            throw new ModelFormatException(path, "tensors", $"{content.Tensors.Count} tensors, but {count} members need {expected}");
        return new BeatEnsemble(members, decision, premature);
    }

    private static SafeTensorsContent Part(SafeTensorsContent content, string prefix) =>
        new(content.Tensors.Where(t => t.Name.StartsWith(prefix, StringComparison.Ordinal)).Select(t => (t.Name[prefix.Length..], t.Tensor)).ToList(),
            content.Metadata);

    private static IEnumerable<(string Name, Tensor Tensor)> Tensors(Network network) =>
        network.Parameters.Select(p => (p.Path, p.Parameter.Value)).Concat(network.State.Select(s => (s.Path, s.Value)));
}
