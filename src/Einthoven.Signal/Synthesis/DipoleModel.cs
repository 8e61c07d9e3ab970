namespace Einthoven.Signal.Synthesis;

/// <summary>
/// The ECGSYN dynamical model (McSharry, Clifford, Tarassenko and Smith, IEEE TBME 50(3):289-294, 2003) extended to a
/// cardiac dipole: the trajectory moves round the limit cycle at the angular speed of the current beat, and each
/// component of the dipole follows <c>dD/dt = -sum a_i u_i dtheta_i exp(-dtheta_i^2 / 2 b_i^2) - D</c>, where wave i
/// points along u_i. Integrated with fourth-order Runge-Kutta.
/// </summary>
internal sealed class DipoleModel(IReadOnlyList<SyntheticBeat> beats)
{
    private int _beat;
    private Vector3D _state;
    private long _cachedStep = -1;
    private Vector3D _cachedDrive;

    public Vector3D State => _state;

    /// <summary>Advances the dipole over step <paramref name="step"/> of <paramref name="h"/> seconds (steps must increase).</summary>
    public void Step(long step, double h)
    {
        var t = step * h;
        var g0 = step == _cachedStep ? _cachedDrive : Drive(t);
        var gm = Drive(t + h / 2);
        var g1 = Drive(t + h);
        (_cachedStep, _cachedDrive) = (step + 1, g1);
        var d = _state;
        var k1 = Sub(g0, d);
        var k2 = Sub(gm, Add(d, k1, h / 2));
        var k3 = Sub(gm, Add(d, k2, h / 2));
        var k4 = Sub(g1, Add(d, k3, h));
        _state = new Vector3D(
            d.X + h / 6 * (k1.X + 2 * k2.X + 2 * k3.X + k4.X),
            d.Y + h / 6 * (k1.Y + 2 * k2.Y + 2 * k3.Y + k4.Y),
            d.Z + h / 6 * (k1.Z + 2 * k2.Z + 2 * k3.Z + k4.Z));
    }

    private Vector3D Drive(double t)
    {
        while (_beat + 1 < beats.Count && t >= WindowStart(beats[_beat + 1])) _beat++;
        var beat = beats[_beat];
        // Phase runs from -pi to pi over one RR interval centred on the R peak (R at theta = 0).
        var theta = Math.Clamp(Math.PI * (t - beat.RTime) / (beat.Rr / 2), -Math.PI, Math.PI);
        // ECGSYN's heart-rate scaling of the wave widths and of the P and T positions.
        var hrFactor = Math.Sqrt(1 / beat.Rr);
        var hrFactor2 = Math.Sqrt(hrFactor);
        double x = 0, y = 0, z = 0;
        foreach (var w in Waves(beat.Kind))
        {
            var position = w.Theta * (Math.Abs(w.Theta) > Math.PI / 4 ? hrFactor2 : hrFactor);
            var dTheta = theta - position;
            if (dTheta > Math.PI) dTheta -= 2 * Math.PI;
            else if (dTheta < -Math.PI) dTheta += 2 * Math.PI;
            var b = w.B * hrFactor;
            var drive = -w.A * dTheta * Math.Exp(-dTheta * dTheta / (2 * b * b));
            x += drive * w.Direction.X;
            y += drive * w.Direction.Y;
            z += drive * w.Direction.Z;
        }
        return new Vector3D(x, y, z);
    }

    private static double WindowStart(SyntheticBeat b) => b.RTime - b.Rr / 2;

    private static Wave[] Waves(BeatKind kind) => kind switch
    {
        BeatKind.Pvc => WaveSet.Pvc,
        BeatKind.AfConducted => WaveSet.NoPWave,
        _ => WaveSet.Sinus,
    };

    private static Vector3D Sub(Vector3D a, Vector3D b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    private static Vector3D Add(Vector3D a, Vector3D b, double s) => new(a.X + s * b.X, a.Y + s * b.Y, a.Z + s * b.Z);
}
