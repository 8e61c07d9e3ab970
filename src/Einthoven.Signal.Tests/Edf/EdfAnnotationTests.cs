using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Edf;
using Einthoven.Signal.Records;
using Einthoven.Signal.Tests.Support;
using Einthoven.TestSupport;

namespace Einthoven.Signal.Tests.Edf;

public class EdfAnnotationTests
{
    private const int Fs = 100;

    /// <summary>An EDF+C file at 100 Hz with one-second data records whose annotation bytes are <paramref name="tals"/>.</summary>
    private static string File(Func<long, string> tals, int records = 3, string reserved = "EDF+C")
    {
        var header = new EdfHeader
        {
            Reserved = reserved, RecordCount = records, RecordDuration = 1,
            Signals = [EdfFiles.Signal("ECG", Fs), EdfFiles.Annotations(60)],
        };
        return EdfFiles.Write(Path.Combine(TestData.TempDir(), "a.edf"), header, (r, _, i) => (short)(r * Fs + i), r => EdfFiles.Tal(tals(r)));
    }

    private static string TimeKeeping(long r) => $"+{r}\u0014\u0014\0";

    [Fact]
    public void A_duration_and_several_texts_give_one_annotation_per_text()
    {
        var path = File(r => TimeKeeping(r) + (r == 1 ? "+1.5\u00152.5\u0014Apnea\u0014Desaturation\u0014\0" : ""));
        var annotations = RecordFiles.Read(path).Annotations["edf"];
        Assert.Equal(
            [new Annotation(150, AnnotationCodes.Note, Aux: "Apnea [duration=2.5s]"), new Annotation(150, AnnotationCodes.Note, Aux: "Desaturation [duration=2.5s]")],
            annotations);
    }

    [Fact]
    public void Texts_map_to_wfdb_codes_rhythms_explicit_fields_or_notes()
    {
        var path = File(r => r == 0
            ? "+0\u0014\u0014Recording starts\u0014\0+0.5\u0014N\u0014\0+0.75\u0014(AFIB\u0014\0+0.8\u0014~ sub=3\u0014\0+0.9\u0014V chn=1 num=2 aux=odd\u0014\0"
            : TimeKeeping(r) + (r == 1 ? "+2.01\u0014[5]\u0014\0-0.5\u0014before start\u0014\0" : ""));
        var annotations = RecordFiles.Read(path).Annotations["edf"];
        Assert.Equal(
        [
            new Annotation(-50, AnnotationCodes.Note, Aux: "before start"),
            new Annotation(0, AnnotationCodes.Note, Aux: "Recording starts"),
            new Annotation(50, AnnotationCodes.Normal),
            new Annotation(75, AnnotationCodes.Rhythm, Aux: "(AFIB"),
            new Annotation(80, AnnotationCodes.Noise, Subtype: 3),
            new Annotation(90, AnnotationCodes.Pvc, Channel: 1, Number: 2, Aux: "odd"),
            new Annotation(201, AnnotationCodes.Pvc),
        ], annotations);
    }

    [Theory]
    [InlineData("N")]
    [InlineData("(AFIB")]
    [InlineData("MISSB")]
    [InlineData("N sub=1")]
    [InlineData("\" aux=N")]
    [InlineData("+ aux=(AFIB with comment")]
    public void Every_text_writes_back_as_itself(string text)
    {
        var annotation = EdfAnnotationText.Read(10, text, null);
        Assert.Equal((text, (decimal?)null), EdfAnnotationText.Write(annotation));
    }

    [Fact]
    public void Notes_that_look_like_symbols_are_written_in_the_explicit_form()
    {
        var note = new Annotation(3, AnnotationCodes.Note, Aux: "N");
        var (text, duration) = EdfAnnotationText.Write(note);
        Assert.Equal("\" aux=N", text);
        Assert.Null(duration);
        Assert.Equal(note, EdfAnnotationText.Read(3, text, null));
    }

    [Fact]
    public void A_record_without_time_keeping_is_refused_naming_the_data_record()
    {
        var path = File(r => r == 2 ? "+2.5\u0014N\u0014\0" : TimeKeeping(r));
        using var reader = RecordFiles.Open(path);
        var error = Assert.Throws<SignalFormatException>(() => reader.ReadAnnotations("edf"));
        Assert.Equal("data record 3 annotations", error.Field);
        Assert.Contains("time-keeping", error.Reason);
    }

    [Fact]
    public void An_edf_plus_c_file_whose_records_are_not_contiguous_is_refused()
    {
        var path = File(r => TimeKeeping(r == 2 ? 7 : r));
        using var reader = RecordFiles.Open(path);
        var error = Assert.Throws<SignalFormatException>(() => reader.ReadAnnotations("edf"));
        Assert.Contains("EDF+C", error.Reason);
    }

    [Fact]
    public void A_fractional_first_onset_moves_the_start_time()
    {
        var path = File(r => $"+{r + 0.25m}\u0014\u0014\0");
        var info = RecordFiles.Read(path).Info;
        Assert.Equal(new TimeOnly(0, 0, 0, 250), info.StartTime);
    }

    [Fact]
    public void Malformed_tals_name_the_data_record()
    {
        foreach (var bad in new[] { "0\u0014\u0014\0", "+1.2.3\u0014\u0014\0", "+x\u0014\u0014\0", "+1\u0015\u0014\u0014\0", "+1\u0014text\0" })
        {
            var path = File(r => r == 1 ? bad : TimeKeeping(r));
            using var reader = RecordFiles.Open(path);
            var error = Assert.Throws<SignalFormatException>(() => reader.ReadAnnotations("edf"));
            Assert.Equal("data record 2 annotations", error.Field);
        }
    }

    [Fact]
    public void A_file_without_annotations_has_no_annotation_set()
    {
        var path = File(TimeKeeping);
        using var reader = RecordFiles.Open(path);
        Assert.Empty(reader.Annotators);
        Assert.Equal(300, reader.Info.SampleCount);
    }
}
