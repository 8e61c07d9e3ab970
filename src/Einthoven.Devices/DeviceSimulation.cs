namespace Einthoven.Devices;

/// <summary>How a simulated device streams.</summary>
/// <param name="Speed">1 = real time, 10 = ten times faster, 0 = as fast as the server acknowledges.</param>
/// <param name="FrameSeconds">Signal per frame.</param>
/// <param name="MaxSeconds">Stop after this much signal (null: the whole record).</param>
/// <param name="ReconnectEverySeconds">Drop the connection (without a close handshake) after every this many seconds of signal, then resume.</param>
/// <param name="FaultProbability">The chance, per frame sent, that the connection drops right after it.</param>
/// <param name="MaxUnacknowledged">Frames sent and not yet acknowledged before the device waits.</param>
public sealed record DeviceSimulation(
    double Speed = 1, double FrameSeconds = 0.1, double? MaxSeconds = null, double? ReconnectEverySeconds = null,
    double FaultProbability = 0, int MaxUnacknowledged = 256, int Seed = 1);

/// <summary>What one simulated device sent and what the server acknowledged.</summary>
public sealed record DeviceReport(
    string Record, Guid? Stream, Guid? Recording, long Frames, long FramesAcknowledged, long SamplesAcknowledged,
    long FramesResent, int Connections, int ReplayErrors, IReadOnlyList<double> AckMilliseconds, string? Failure)
{
    public bool Complete => Failure is null && FramesAcknowledged == Frames;
}
