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

    /// <summary>
    /// <see cref="Aux"/> without trailing NUL characters. WFDB aux strings are stored byte for byte, and many (such as
    /// MIT-BIH rhythm labels, "(AFIB\0") carry the C string terminator; compare labels with this.
    /// </summary>
    public string? AuxText => Aux?.TrimEnd('\0');

    public static Annotation FromSymbol(long sample, string symbol, string? aux = null) =>
        new(sample, AnnotationCodes.Code(symbol), Aux: aux);
}
