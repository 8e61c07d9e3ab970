namespace Einthoven.Imaging.Paper;

/// <summary>
/// Ground truth for one printed lead in the page's pixel space (before any degradation): the trace of the record's
/// value <c>v</c> mV at record time <c>t</c> s is drawn at <c>(X(t), Y(v))</c>.
/// </summary>
/// <param name="StartSeconds">Record time (s) of the panel's first sample.</param>
/// <param name="X0">x of the first sample.</param>
/// <param name="BaselineY">y of 0 mV.</param>
public sealed record LeadPanel(
    string Lead, int Row, int Column, double StartSeconds, double DurationSeconds,
    double X0, double BaselineY, double PxPerSecond, double PxPerMv)
{
    public double X(double recordSeconds) => X0 + (recordSeconds - StartSeconds) * PxPerSecond;
    public double Y(double mv) => BaselineY - mv * PxPerMv;
    public double EndX => X0 + DurationSeconds * PxPerSecond;
}

/// <summary>A row's 1 mV x 200 ms calibration pulse: it rises at <paramref name="X"/> from <paramref name="BaselineY"/>.</summary>
public sealed record CalibrationPulse(int Row, double X, double BaselineY, double WidthPx, double HeightPx);
