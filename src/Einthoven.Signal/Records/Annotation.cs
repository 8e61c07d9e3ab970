namespace Einthoven.Signal.Records;

/// <summary>
/// One annotation at a sample, in the MIT (WFDB) model: a code (see <see cref="AnnotationCodes"/>),
/// subtype, channel, number and optional auxiliary text (rhythm labels such as "(AFIB", notes).
/// </summary>
public readonly record struct Annotation(
    long Sample,
    int Code,
    int Subtype = 0,
    int Channel = 0,
    int Number = 0,
    string? Aux = null)
{
    public string Symbol => AnnotationCodes.Symbol(Code);

    public bool IsBeat => AnnotationCodes.IsBeat(Code);

    public static Annotation FromSymbol(long sample, string symbol, string? aux = null) =>
        new(sample, AnnotationCodes.Code(symbol), Aux: aux);
}
