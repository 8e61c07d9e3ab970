namespace Einthoven.Models.Pacemaker;

/// <summary>
/// A record's pacemaker verdict: paced or not, the probability the detector gives it, and what decided: "spikes" when
/// the pacing-spike rule saw paced rhythm at a rate where stimuli survive (at least 200 Hz), "model" otherwise.
/// </summary>
public sealed record PacemakerVerdict(bool Paced, double Probability, string DecidedBy, string Model);
