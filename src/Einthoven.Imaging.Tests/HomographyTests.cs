using Einthoven.Imaging.Paper;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Einthoven.Imaging.Tests;

public class HomographyTests
{
    private static readonly (double X, double Y)[] Square = [(0, 0), (1000, 0), (1000, 700), (0, 700)];

    [Property(MaxTest = 200)]
    public Property Four_point_fit_maps_each_corner_onto_its_partner()
    {
        var jitter = Gen.Choose(-150, 150).Select(v => (double)v).ArrayOf(8);
        return Prop.ForAll(jitter.ToArbitrary(), j =>
        {
            var to = Square.Select((p, i) => (p.X + j[2 * i], p.Y + j[2 * i + 1])).ToArray();
            var h = Homography.FromPoints(Square, to);
            return Square.Zip(to).All(pair =>
            {
                var (x, y) = h.Map(pair.First.X, pair.First.Y);
                return Math.Abs(x - pair.Second.Item1) < 1e-6 && Math.Abs(y - pair.Second.Item2) < 1e-6;
            });
        });
    }

    [Fact]
    public void Then_composes_in_order_and_matches_Skia()
    {
        var a = Homography.FromPoints(Square, [(10, 20), (990, 5), (1010, 690), (-5, 710)]);
        var b = Homography.FromPoints(Square, [(50, 0), (1000, 40), (950, 700), (0, 650)]);
        var ab = a.Then(b);
        foreach (var (x, y) in new[] { (123.0, 456.0), (999.0, 1.0), (500.0, 350.0) })
        {
            var (x1, y1) = a.Map(x, y);
            var (x2, y2) = b.Map(x1, y1);
            var (x3, y3) = ab.Map(x, y);
            Assert.Equal(x2, x3, 6);
            Assert.Equal(y2, y3, 6);
            var skia = ab.ToSkMatrix().MapPoint((float)x, (float)y);
            Assert.Equal(x3, skia.X, 1);
            Assert.Equal(y3, skia.Y, 1);
        }
    }

    [Fact]
    public void Degenerate_points_and_bad_entries_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Homography.FromPoints(Square, [(0, 0), (1, 1), (2, 2), (3, 3)]));
        Assert.Throws<ArgumentException>(() => new Homography([1, 0, 0, 0, 1, 0, 0, 0]));
        Assert.Throws<ArgumentException>(() => new Homography([1, 0, double.NaN, 0, 1, 0, 0, 0, 1]));
    }
}
