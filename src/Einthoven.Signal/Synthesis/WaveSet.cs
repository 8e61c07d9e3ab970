namespace Einthoven.Signal.Synthesis;

/// <summary>
/// One Gaussian event of the ECGSYN model: its angle on the limit cycle (R at 0), its amplitude and width (as in
/// McSharry et al. 2003, Table 1), and the direction of the cardiac dipole while it lasts.
/// </summary>
public readonly record struct Wave(double Theta, double A, double B, Vector3D Direction);

/// <summary>The wave sets of the beat types the synthesizer produces.</summary>
public static class WaveSet
{
    private static readonly Vector3D Atrial = new Vector3D(0.5, 0.85, 0.15).Normalized();
    private static readonly Vector3D Septal = new Vector3D(0.6, 0.6, -0.5).Normalized();
    private static readonly Vector3D Ventricular = new Vector3D(0.6, 0.7, -0.35).Normalized();
    private static readonly Vector3D Basal = new Vector3D(0.3, 0.8, -0.5).Normalized();
    private static readonly Vector3D Repolarisation = new Vector3D(0.7, 0.6, 0.2).Normalized();
    private static readonly Vector3D Ectopic = new Vector3D(-0.3, 0.5, 0.8).Normalized();

    /// <summary>Sinus beat: P, Q, R, S, T with ECGSYN's published angles, amplitudes and widths.</summary>
    public static readonly Wave[] Sinus =
    [
        new(-Math.PI / 3, 1.2, 0.25, Atrial),
        new(-Math.PI / 12, -5.0, 0.1, Septal),
        new(0, 30.0, 0.1, Ventricular),
        new(Math.PI / 12, -7.5, 0.1, Basal),
        new(Math.PI / 2, 0.75, 0.4, Repolarisation),
    ];

    /// <summary>A conducted beat during atrial fibrillation: as sinus, without the P wave.</summary>
    public static readonly Wave[] NoPWave = Sinus[1..];

    /// <summary>Premature ventricular contraction: no P, a wide QRS of another axis and a discordant T wave.</summary>
    public static readonly Wave[] Pvc =
    [
        new(-Math.PI / 10, -6.0, 0.2, Ventricular),
        new(0, 28.0, 0.22, Ectopic),
        new(Math.PI / 2.2, -1.6, 0.45, Ectopic),
    ];

    /// <summary>Direction of the atrial fibrillatory waves.</summary>
    public static Vector3D AtrialDirection => Atrial;
}
