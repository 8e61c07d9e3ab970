namespace Einthoven.Signal.Synthesis;

/// <summary>
/// Lead directions in the heart's frame (x: patient's left, y: inferior, z: anterior). A lead's voltage is the
/// projection of the cardiac dipole on its direction: limb leads lie in the frontal plane at their hexaxial angles,
/// precordial leads in the horizontal plane from V6 (left) round to V1 (anterior, slightly right).
/// </summary>
public static class LeadVectors
{
    private static readonly Dictionary<string, Vector3D> Directions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["I"] = Frontal(0), ["II"] = Frontal(60), ["MLII"] = Frontal(60), ["III"] = Frontal(120),
        ["aVR"] = Frontal(-150), ["aVL"] = Frontal(-30), ["aVF"] = Frontal(90),
        ["V1"] = Horizontal(115), ["V2"] = Horizontal(90), ["V3"] = Horizontal(75),
        ["V4"] = Horizontal(60), ["V5"] = Horizontal(30), ["V6"] = Horizontal(0),
    };

    public static IReadOnlyCollection<string> Known => Directions.Keys;

    public static Vector3D Of(string lead) =>
        Directions.TryGetValue(lead, out var v) ? v
            : throw new ArgumentException($"no lead direction for '{lead}'; known: {string.Join(", ", Known)}", nameof(lead));

    private static Vector3D Frontal(double degrees)
    {
        var r = degrees * Math.PI / 180;
        return new Vector3D(Math.Cos(r), Math.Sin(r), 0);
    }

    private static Vector3D Horizontal(double degrees)
    {
        var r = degrees * Math.PI / 180;
        return new Vector3D(Math.Cos(r), 0, Math.Sin(r));
    }
}

public readonly record struct Vector3D(double X, double Y, double Z)
{
    public double Dot(Vector3D o) => X * o.X + Y * o.Y + Z * o.Z;

    public Vector3D Normalized()
    {
        var n = Math.Sqrt(Dot(this));
        return new Vector3D(X / n, Y / n, Z / n);
    }
}
