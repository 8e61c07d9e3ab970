using System.Globalization;
using System.Text.RegularExpressions;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Edf;

/// <summary>
/// How a WFDB-style <see cref="Annotation"/> is told in an EDF+ annotation text, and back. Reading a text:
/// <list type="number">
/// <item>a WFDB mnemonic ("N", "V", "~", "[42]") gives that code;</item>
/// <item>a WFDB rhythm label ("(AFIB", "(N") gives a rhythm change (code <c>+</c>) with the label as aux;</item>
/// <item>the explicit form <c>symbol[ sub=S][ chn=C][ num=N][ aux=text]</c> (with at least one part) gives every
/// field, so that any MIT annotation survives EDF+;</item>
/// <item>any other text gives a note (code <c>"</c>) with the text as aux.</item>
/// </list>
/// EDF+ durations have no place in the MIT model, so a duration is kept at the end of the aux as
/// <c>[duration=1.5s]</c>; the writer turns that suffix back into the TAL's duration.
/// </summary>
internal static partial class EdfAnnotationText
{
    [GeneratedRegex(@"^(?<sym>\S+)(?: sub=(?<sub>-?\d{1,3}))?(?: chn=(?<chn>\d{1,3}))?(?: num=(?<num>-?\d{1,3}))?(?: aux=(?<aux>.*))?$", RegexOptions.Singleline)]
    private static partial Regex ExplicitForm();

    [GeneratedRegex(@"^\([A-Z][A-Za-z0-9]*$")]
    private static partial Regex RhythmLabel();

    [GeneratedRegex(@"(?:^| )\[duration=(?<d>\d+(?:\.\d+)?)s\]$")]
    private static partial Regex DurationSuffix();

    public static Annotation Read(long sample, string text, decimal? duration)
    {
        var annotation = Parse(sample, text);
        if (duration is not { } d) return annotation;
        var suffix = $"[duration={EdfTal.Format(d)}s]";
        return annotation with { Aux = annotation.Aux is { Length: > 0 } aux ? aux + " " + suffix : suffix };
    }

    /// <summary>The TAL text and duration for an annotation.</summary>
    public static (string Text, decimal? Duration) Write(Annotation annotation)
    {
        // EDF+ texts cannot hold NUL; WFDB aux strings often end with their C terminator, which carries no meaning.
        var aux = annotation.AuxText;
        decimal? duration = null;
        if (aux is not null && DurationSuffix().Match(aux) is { Success: true } m)
        {
            duration = decimal.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
            aux = aux[..m.Index];
            if (aux.Length == 0) aux = null;
        }
        var plain = annotation with { Aux = aux };
        return (PlainText(plain) ?? ExplicitText(plain), duration);
    }

    /// <summary>The text that reads back as <paramref name="annotation"/>, duration suffix and all (for formats without durations).</summary>
    public static string Text(Annotation annotation) => PlainText(annotation) ?? ExplicitText(annotation);

    private static Annotation Parse(long sample, string text)
    {
        if (AnnotationCodes.TryCode(text, out var code)) return new Annotation(sample, code);
        if (RhythmLabel().IsMatch(text)) return new Annotation(sample, AnnotationCodes.Rhythm, Aux: text);
        if (ExplicitForm().Match(text) is { Success: true } m && AnnotationCodes.TryCode(m.Groups["sym"].Value, out code)
            && (m.Groups["sub"].Success || m.Groups["chn"].Success || m.Groups["num"].Success || m.Groups["aux"].Success))
            return new Annotation(sample, code, Int(m, "sub"), Int(m, "chn"), Int(m, "num"),
                m.Groups["aux"].Success ? m.Groups["aux"].Value : null);
        return new Annotation(sample, AnnotationCodes.Note, Aux: text);
    }

    /// <summary>The short text when it reads back as the same annotation, else null.</summary>
    private static string? PlainText(Annotation a)
    {
        if (a.Subtype != 0 || a.Channel != 0 || a.Number != 0) return null;
        var candidate = a.Aux is null ? a.Symbol : a.Code is AnnotationCodes.Note or AnnotationCodes.Rhythm ? a.Aux : null;
        return candidate is not null && Parse(a.Sample, candidate) == a ? candidate : null;
    }

    private static string ExplicitText(Annotation a)
    {
        var symbol = a.Symbol.Any(char.IsWhiteSpace) ? $"[{a.Code}]" : a.Symbol;
        var text = symbol;
        if (a.Subtype != 0) text += $" sub={a.Subtype}";
        if (a.Channel != 0) text += $" chn={a.Channel}";
        if (a.Number != 0) text += $" num={a.Number}";
        if (a.Aux is not null || text == symbol) text += $" aux={a.Aux}";
        return text;
    }

    private static int Int(Match m, string group) =>
        m.Groups[group].Success ? int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
}
