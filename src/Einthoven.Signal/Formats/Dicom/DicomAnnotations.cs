using Einthoven.Signal.Formats.Edf;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Dicom;

/// <summary>
/// The record's annotations as Waveform Annotation Sequence items, each a point at one Referenced Sample Position
/// (1-based, within its multiplex group) applying to all channels of its group. A bare WFDB label (a beat, noise,
/// a rhythm change without text) is coded, with the local coding scheme <see cref="Scheme"/> and the WFDB mnemonic as
/// code value; any other annotation is an Unformatted Text Value in the form EDF+ uses
/// (<see cref="EdfAnnotationText"/>), so subtype, channel, number and aux survive. On reading, other coded concepts
/// (measurements, another vendor's codes) become notes with the code meaning and any numeric value as text.
/// </summary>
internal static class DicomAnnotations
{
    public const string Scheme = "99WFDB";
    private const uint NumericValue = 0x0040A30A;

    private static readonly Dictionary<int, string> Meanings = new()
    {
        [AnnotationCodes.Normal] = "Normal beat", [AnnotationCodes.Lbbb] = "Left bundle branch block beat",
        [AnnotationCodes.Rbbb] = "Right bundle branch block beat", [AnnotationCodes.Aberr] = "Aberrated atrial premature beat",
        [AnnotationCodes.Pvc] = "Premature ventricular contraction", [AnnotationCodes.Fusion] = "Fusion of ventricular and normal beat",
        [AnnotationCodes.Npc] = "Nodal (junctional) premature beat", [AnnotationCodes.Apc] = "Atrial premature beat",
        [AnnotationCodes.Svpb] = "Supraventricular premature beat", [AnnotationCodes.Vesc] = "Ventricular escape beat",
        [AnnotationCodes.Nesc] = "Nodal (junctional) escape beat", [AnnotationCodes.Pace] = "Paced beat",
        [AnnotationCodes.Unknown] = "Unclassifiable beat", [AnnotationCodes.Noise] = "Signal quality change",
        [AnnotationCodes.Arfct] = "Isolated QRS-like artifact", [AnnotationCodes.Rhythm] = "Rhythm change",
        [AnnotationCodes.Flwav] = "Ventricular flutter wave", [AnnotationCodes.Vfon] = "Start of ventricular flutter/fibrillation",
        [AnnotationCodes.Vfoff] = "End of ventricular flutter/fibrillation", [AnnotationCodes.Aesc] = "Atrial escape beat",
        [AnnotationCodes.Svesc] = "Supraventricular escape beat", [AnnotationCodes.Napc] = "Non-conducted P-wave",
        [AnnotationCodes.Pfus] = "Fusion of paced and normal beat", [AnnotationCodes.PaceSp] = "Pacemaker spike",
    };

    /// <summary>Encodes one annotation, at 1-based <paramref name="position"/> of multiplex group <paramref name="group"/>.</summary>
    public static Action<DicomOutput> Item(Annotation annotation, ushort group, uint position)
    {
        var plain = annotation with { Aux = annotation.AuxText };
        var text = EdfAnnotationText.Text(plain);
        var coded = text == plain.Symbol || text == $"[{plain.Code}]";
        var codeValue = plain.Symbol.Any(char.IsWhiteSpace) ? $"[{plain.Code}]" : plain.Symbol;
        return o =>
        {
            if (coded)
                o.Sequence(DicomTags.ConceptNameCode, [c =>
                {
                    c.Text(DicomTags.CodeValue, "SH", codeValue);
                    c.Text(DicomTags.CodingSchemeDesignator, "SH", Scheme);
                    c.Text(DicomTags.CodeMeaning, "LO", Meanings.GetValueOrDefault(plain.Code, $"WFDB annotation '{codeValue}'"));
                }]);
            o.UInt16(DicomTags.ReferencedChannels, group, 0);
            o.Text(DicomTags.TemporalRangeType, "CS", "POINT");
            o.UInt32(DicomTags.ReferencedSamplePositions, position);
            if (!coded) o.Text(DicomTags.UnformattedText, "ST", text);
        };
    }

    /// <summary>
    /// The annotation an item describes; <paramref name="groupSpan"/> gives the first record sample and the length
    /// of a multiplex group (1-based), or null for a group that is not read, whose annotations are left out.
    /// </summary>
    public static Annotation? Read(DicomDataset item, Func<int, (long First, long Count)?> groupSpan)
    {
        var positions = item.UInt32s(DicomTags.ReferencedSamplePositions);
        if (positions.Length == 0) throw item.Error(DicomTags.ReferencedSamplePositions, "is missing: only annotations at sample positions are supported");
        var channels = item.UInt16s(DicomTags.ReferencedChannels);
        var group = channels.Length > 0 ? channels[0] : 1;
        if (groupSpan(group) is not { } span) return null;
        var position = positions[0];
        if (position == 0 || position > span.Count)
            throw item.Error(DicomTags.ReferencedSamplePositions, $"sample position {position} is outside multiplex group {group} (1 to {span.Count})");
        var sample = span.First + position - 1;
        if (item.String(DicomTags.UnformattedText) is { } text) return EdfAnnotationText.Read(sample, text, null);
        if (item.Items(DicomTags.ConceptNameCode) is [var code, ..])
        {
            var value = code.String(DicomTags.CodeValue);
            if (code.String(DicomTags.CodingSchemeDesignator) == Scheme && value is not null && AnnotationCodes.TryCode(value, out var c))
                return new Annotation(sample, c);
            var meaning = code.String(DicomTags.CodeMeaning) ?? value ?? "annotation";
            return new Annotation(sample, AnnotationCodes.Note, Aux: item.Number(NumericValue) is { } v ? $"{meaning} = {v:R}" : meaning);
        }
        throw item.Error(DicomTags.UnformattedText, "neither a text nor a coded concept tells what the annotation is");
    }
}
