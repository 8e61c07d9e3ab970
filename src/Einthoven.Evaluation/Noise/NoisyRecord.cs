using Einthoven.Signal.Records;

namespace Einthoven.Evaluation.Noise;

/// <summary>
/// A clean record paired with one kind of noise, one channel per lead, ready to be mixed at any SNR by
/// <see cref="NoiseStressProtocol"/>. The noise of each kind is the same for every record (fixed seeds), as NSTDB uses
/// one noise record for all its clean records.
/// </summary>
public sealed class NoisyRecord
{
    private readonly EcgRecord _clean;
    private readonly double[][] _leads;
    private readonly double[][] _noise;
    private readonly double[] _signalPower;
    private readonly double[] _noisePower;

    public NoisyRecord(EcgRecord clean, IReadOnlyList<Annotation> reference, NoiseKind kind)
    {
        _clean = clean;
        Kind = kind;
        var fs = clean.Info.SamplingFrequency;
        var n = (int)clean.Info.SampleCount;
        _leads = Enumerable.Range(0, clean.Info.Leads.Count).Select(clean.Physical).ToArray();
        _noise = _leads.Select((_, l) => StressNoise.Make(kind, n, fs, 1000 * ((int)kind + 1) + l)).ToArray();
        _signalPower = _leads.Select(l => NoiseStressProtocol.SignalPower(l, reference, fs)).ToArray();
        _noisePower = _noise.Select(x => NoiseStressProtocol.NoisePower(x, fs)).ToArray();
        Blocks = NoiseStressProtocol.NoisyBlocks(n, fs);
    }

    public NoiseKind Kind { get; }

    public IReadOnlyList<Signal.Analysis.Detection.SampleRange> Blocks { get; }

    /// <summary>The record with the noise added in the noisy blocks at <paramref name="snrDb"/> on every lead.</summary>
    public EcgRecord At(double snrDb)
    {
        var samples = _leads.Select((lead, i) =>
        {
            var gain = NoiseStressProtocol.Gain(_signalPower[i], _noisePower[i], snrDb);
            var info = _clean.Info.Leads[i];
            return NoiseStressProtocol.Mix(lead, _noise[i], gain, Blocks).Select(info.ToDigital).ToArray();
        }).ToArray();
        return new EcgRecord(_clean.Info with { Name = $"{_clean.Info.Name}_{StressNoise.Code(Kind)}{snrDb:+0;-0;0}" }, samples, _clean.Annotations);
    }
}
