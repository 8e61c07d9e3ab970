using Einthoven.Signal.Formats.Wfdb;
using Einthoven.Signal.Records;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Einthoven.Signal.Tests.Wfdb;

public class AnnotationTests
{
    private static byte[] Words(params int[] words) => words.SelectMany(w => new[] { (byte)w, (byte)(w >> 8) }).ToArray();

    private static int Word(int code, int value) => (code << 10) | value;

    [Fact]
    public void PseudoCodesSetFieldsOfTheAnnotationTheyFollow()
    {
        var bytes = Words(
                Word(59, 0), 0x0001, 0x0002, // SKIP 65538
                Word(1, 5), Word(61, 3), Word(62, 2), Word(60, 7), // N at 65543, subtype 3, chan 2, num 7
                Word(5, 10), // V at 65553: chan and num carry over, subtype does not
                Word(28, 1), Word(63, 5))
            .Concat("(AFIB"u8.ToArray()).Append((byte)0) // AUX of odd length is padded
            .Concat(Words(Word(0, 4), 0))
            .ToArray();
        var a = WfdbAnnotationReader.Decode(bytes, "t.atr");
        Assert.Equal([
            new Annotation(65543, 1, 3, 2, 7),
            new Annotation(65553, 5, 0, 2, 7),
            new Annotation(65554, 28, 0, 2, 7, "(AFIB"),
            new Annotation(65558, 0, 0, 2, 7),
        ], a);
        Assert.Equal(a, WfdbAnnotationReader.Decode(WfdbAnnotationWriter.Encode(a), "t.atr"));
    }

    [Fact]
    public void LongGapsAndStepsBackUseSkip()
    {
        Annotation[] a = [new(5_000_000_000, 1), new(7, 5), new(7, 1, Channel: 1)];
        var bytes = WfdbAnnotationWriter.Encode(a);
        Assert.Equal(a, WfdbAnnotationReader.Decode(bytes, "t.atr"));
    }

    [Fact]
    public void CodesBeyondTheMitRangeAreWrittenAsNotesKeepingTheSymbol()
    {
        var back = WfdbAnnotationReader.Decode(WfdbAnnotationWriter.Encode([new Annotation(3, 55, Aux: "why")]), "t.atr");
        Assert.Equal(new Annotation(3, AnnotationCodes.Note, Aux: "[55] why"), back.Single());
    }

    [Fact]
    public void AuxLongerThan255BytesIsCutAtACharacterBoundary()
    {
        var aux = new string('é', 200); // 400 bytes of UTF-8
        var back = WfdbAnnotationReader.Decode(WfdbAnnotationWriter.Encode([new Annotation(1, 22, Aux: aux)]), "t.atr").Single();
        Assert.Equal(new string('é', 127), back.Aux);
    }

    [Property(MaxTest = 200)]
    public Property EncodeThenDecodeGivesTheSameAnnotations() =>
        Prop.ForAll(AnnotationGen.Sets.ToArbitrary(), a => Assert.Equal(a, WfdbAnnotationReader.Decode(WfdbAnnotationWriter.Encode(a), "t.atr")));

    [Theory]
    [InlineData(new byte[] { 0x05, 0x04 }, "end marker")]
    [InlineData(new byte[] { 0x05, 0x04, 0x00 }, "end marker")]
    [InlineData(new byte[] { 0x00, 0xEC, 0x01, 0x00 }, "SKIP at byte 0")]
    [InlineData(new byte[] { 0x05, 0x04, 0x09, 0xFC, (byte)'(', (byte)'A' }, "AUX at byte 2")]
    [InlineData(new byte[] { 0x03, 0xF4, 0x00, 0x00 }, "SUB at byte 0")]
    public void MalformedAnnotationFilesNameTheField(byte[] bytes, string field)
    {
        var e = Assert.Throws<SignalFormatException>(() => WfdbAnnotationReader.Decode(bytes, "/d/r.atr"));
        Assert.Equal(("/d/r.atr", field), (e.File, e.Field));
    }

    [Fact]
    public void MissingAnnotationFileIsNamed()
    {
        var f = new Fixture().Format16("r.dat", [1]).Text("r.hea", "r 1 100 1\nr.dat 16\n");
        using var reader = new WfdbReader(f.Folder, "r");
        Assert.Empty(reader.Annotators);
        var e = Assert.Throws<SignalFormatException>(() => reader.ReadAnnotations("atr"));
        Assert.Equal((f.Path("r.atr"), "annotation file"), (e.File, e.Field));
        Assert.Throws<SignalFormatException>(() => reader.ReadAnnotations("../r"));
    }

    [Fact]
    public void AnnotatorsAreSiblingAnnotationFiles()
    {
        var f = new Fixture().Format16("r.dat", [1]).Text("r.hea", "r 1 100 1\nr.dat 16\n")
            .Bytes("r.atr", Words(Word(1, 1), 0))
            .Bytes("r.myann", Words(Word(5, 1), 0))
            .Text("r.txt", "notes")
            .Bytes("r.bin", [1, 2, 3])
            .Bytes("r2.atr", Words(Word(1, 1), 0));
        using var reader = new WfdbReader(f.Folder, "r");
        Assert.Equal(["atr", "myann"], reader.Annotators);
        Assert.Equal(AnnotationCodes.Pvc, reader.ReadAnnotations("myann").Single().Code);
    }
}
