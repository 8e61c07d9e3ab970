using Einthoven.Signal.Records;
using FsCheck;
using FsCheck.Fluent;

namespace Einthoven.Signal.Tests.Wfdb;

/// <summary>Random annotations within what MIT files hold: codes 0..49, byte-sized subtype/channel/number, short aux.</summary>
internal static class AnnotationGen
{
    public static Gen<Annotation> One =>
        from step in Gen.Frequency((6, Gen.Choose(0, 1023)), (2, Gen.Choose(1024, 5_000_000)), (1, Gen.Choose(-3000, -1)))
        from code in Gen.Frequency((8, Gen.Choose(1, 49)), (1, Gen.Constant(0)))
        from subtype in Gen.Frequency((4, Gen.Constant(0)), (1, Gen.Choose(-128, 127)))
        from channel in Gen.Frequency((4, Gen.Constant(0)), (1, Gen.Choose(0, 255)))
        from number in Gen.Frequency((4, Gen.Constant(0)), (1, Gen.Choose(-128, 127)))
        from aux in Gen.Frequency((4, Gen.Constant<string?>(null)), (1, Gen.Elements<string?>("(AFIB", "(N\0", "x", "noise in lead II", "Ünïcode")))
        select new Annotation(step, code, subtype, channel, number, aux);

    /// <summary>Annotations with times made by adding the generated steps (so some go back in time).</summary>
    public static Gen<Annotation[]> Sets =>
        One.ArrayOf().Select(steps =>
        {
            long t = 10_000;
            return steps.Select(a => a with { Sample = t = Math.Max(0, t + a.Sample) }).ToArray();
        });
}
