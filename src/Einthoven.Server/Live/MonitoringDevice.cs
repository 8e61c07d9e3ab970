namespace Einthoven.Server.Live;

/// <summary>
/// A patient's recorder that may stream to the server. It signs in with its own token (random, shown once, stored as
/// SHA-256 like personal access tokens), which reaches only this patient's streams and nothing else of the API.
/// </summary>
public sealed class MonitoringDevice : Api.IRevocable
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    public string Label { get; set; } = "";
    public string TokenHash { get; set; } = "";
    /// <summary>The first characters of the token, so that a patient can tell devices apart.</summary>
    public string Prefix { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? LastSeenAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
