using Einthoven.Models.Verified;
using Einthoven.Signal.Records;

namespace Einthoven.Server.ContinuousLearning;

/// <summary>One physician beat set as a dataset reads it: who signed it off, and its beats (sample, MIT code of the AAMI class).</summary>
public sealed record PhysicianSet(Guid Verifier, IReadOnlyList<Annotation> Beats);

/// <summary>
/// A recording as it enters a dataset version: what identifies its content (the SHA-256 of its description and sample
/// chunks), its completed physician sets, the AI's beats, and what the dataset makes of them (its pseudonymous record
/// name and group, holdout side, the beats the cardiologists agree on and how many they disagree on).
/// </summary>
public sealed record DatasetInput(
    Guid RecordingId, Guid PatientId, string ContentSha256, IReadOnlyList<PhysicianSet> Sets, IReadOnlyList<VerifiedBeat> AiBeats,
    string RecordName, string Group, bool Holdout, IReadOnlyList<VerifiedBeat> Beats, int Disagreements);
