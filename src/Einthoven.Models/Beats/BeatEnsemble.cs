using Einthoven.Learning;
using Einthoven.Learning.Losses;
using Einthoven.Learning.Serialization;
using Einthoven.Learning.Tensors;

namespace Einthoven.Models.Beats;

/// <summary>
/// One or more beat networks trained from different seeds; the prediction is the mean of their class probabilities.
/// Saved as one .safetensors file whose tensors are named "member{k}.{path}".
/// </summary>
public sealed class BeatEnsemble
{
    private const string MembersKey = "members";
    private const int Batch = 256;

    public BeatEnsemble(IReadOnlyList<Network> members)
    {
        if (members.Count == 0) throw new ArgumentException("an ensemble needs at least one network", nameof(members));
        Members = members;
    }

    public IReadOnlyList<Network> Members { get; }

    /// <summary>Class probabilities [Count, 5], flat; safe to call from several threads at once.</summary>
    public float[] Probabilities(BeatFeatures beats)
    {
        var result = new float[beats.Count * AamiMapping.ClassCount];
        if (beats.Count == 0) return result;
        var replicas = Members.Select(m => m.Replicate()).ToArray();
        Span<float> p = stackalloc float[AamiMapping.ClassCount];
        for (var start = 0; start < beats.Count; start += Batch)
        {
            var n = Math.Min(Batch, beats.Count - start);
            var input = new Tensor(beats.Windows.AsSpan(start * BeatInputLayout.InputSize, n * BeatInputLayout.InputSize).ToArray(),
                n, BeatInputLayout.Channels, BeatInputLayout.Length);
            var features = new Tensor(beats.Features.AsSpan(start * BeatInputLayout.FeatureCount, n * BeatInputLayout.FeatureCount).ToArray(),
                n, BeatInputLayout.FeatureCount);
            var target = result.AsSpan(start * AamiMapping.ClassCount, n * AamiMapping.ClassCount);
            foreach (var replica in replicas)
            {
                var logits = replica.Forward(input, features, Learning.Layers.PassContext.Inference);
                for (var s = 0; s < n; s++)
                {
                    SoftmaxCrossEntropy.Softmax(logits.Sample(s), p);
                    var row = target.Slice(s * AamiMapping.ClassCount, AamiMapping.ClassCount);
                    for (var c = 0; c < p.Length; c++) row[c] += p[c] / replicas.Length;
                }
            }
        }
        return result;
    }

    public void Save(string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var all = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>()) { [MembersKey] = Members.Count.ToString() };
        SafeTensors.Write(path, Members.SelectMany((m, k) => Tensors(m).Select(t => ($"member{k}.{t.Name}", t.Tensor))), all);
    }

    /// <summary>Loads an ensemble saved by <see cref="Save"/>; a file that does not fit the architecture is a <see cref="ModelFormatException"/>.</summary>
    public static BeatEnsemble Load(string path)
    {
        var content = SafeTensors.Read(path);
        if (!content.Metadata.TryGetValue(MembersKey, out var text) || !int.TryParse(text, out var count) || count is < 1 or > 64)
            throw new ModelFormatException(path, "__metadata__.members", "missing or not a member count in 1..64");
        var members = new Network[count];
        for (var k = 0; k < count; k++)
        {
            var prefix = $"member{k}.";
            var own = content.Tensors.Where(t => t.Name.StartsWith(prefix, StringComparison.Ordinal))
                .Select(t => (t.Name[prefix.Length..], t.Tensor)).ToList();
            members[k] = BeatNetwork.Create(0);
            NetworkWeights.Apply(members[k], new SafeTensorsContent(own, content.Metadata), path);
        }
        var expected = members.Sum(m => Tensors(m).Count());
        if (content.Tensors.Count != expected)
            throw new ModelFormatException(path, "tensors", $"{content.Tensors.Count} tensors, but {count} members need {expected}");
        return new BeatEnsemble(members);
    }

    private static IEnumerable<(string Name, Tensor Tensor)> Tensors(Network network) =>
        network.Parameters.Select(p => (p.Path, p.Parameter.Value)).Concat(network.State.Select(s => (s.Path, s.Value)));
}
