using Einthoven.TestSupport;
using Einthoven.Signal.Records;
using TestData = Einthoven.TestSupport.TestData;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SkiaSharp;

namespace Einthoven.Imaging.Tests;

public class PaperImagesTests
{
    private static SKBitmap Pattern()
    {
        var bitmap = new SKBitmap(new SKImageInfo(40, 30, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < 30; y++)
        for (var x = 0; x < 40; x++) bitmap.SetPixel(x, y, new SKColor((byte)(x * 6), (byte)(y * 8), (byte)((x + y) * 3)));
        return bitmap;
    }


    [Fact]
    public void Png_round_trips_exactly_and_jpeg_closely()
    {
        using var original = Pattern();
        var dir = TestData.TempDir();
        PaperImages.Save(original, Path.Combine(dir, "page.png"));
        PaperImages.Save(original, Path.Combine(dir, "page.jpg"), 95);
        using var png = PaperImages.Read(Path.Combine(dir, "page.png"));
        using var jpeg = PaperImages.Read(Path.Combine(dir, "page.jpg"));
        Assert.Equal(Pages.Bytes(original), Pages.Bytes(png));
        Assert.Equal((40, 30), (jpeg.Width, jpeg.Height));
        var error = Pages.Bytes(original).Zip(Pages.Bytes(jpeg), (a, b) => Math.Abs(a - b)).Average();
        Assert.InRange(error, 0.01, 6);
        using var stream = new MemoryStream();
        PaperImages.Write(original, stream, PaperImageFormat.Jpeg, 50);
        Assert.Equal([0xFF, 0xD8], stream.ToArray()[..2]);
    }

    [Fact]
    public void Unknown_extensions_and_non_images_are_refused_with_file_and_reason()
    {
        using var original = Pattern();
        Assert.Contains("page.bmp", Assert.Throws<ArgumentException>(() => PaperImages.Save(original, "/tmp/page.bmp")).Message);
        var dir = TestData.TempDir();
        var text = Path.Combine(dir, "notes.png");
        File.WriteAllText(text, "not an image at all");
        var e = Assert.Throws<SignalFormatException>(() => PaperImages.Read(text));
        Assert.Equal(text, e.File);
        Assert.Equal("image", e.Field);
    }

    [Fact]
    public void A_png_claiming_huge_dimensions_is_refused_before_decoding()
    {
        using var original = Pattern();
        using var data = PaperImages.Encode(original, PaperImageFormat.Png);
        var bytes = data.ToArray();
        // IHDR starts at byte 8: length(4) "IHDR"(4) width(4) height(4) ...; its CRC covers type and data (17 bytes).
        WriteBigEndian(bytes, 16, 30_000);
        WriteBigEndian(bytes, 20, 30_000);
        WriteBigEndian(bytes, 29, PngChunks.Crc32(bytes.AsSpan(12, 17)));
        var e = Assert.Throws<SignalFormatException>(() => PaperImages.Decode(SKData.CreateCopy(bytes), "huge.png"));
        Assert.Equal("dimensions", e.Field);
        Assert.Contains("30000 x 30000", e.Message);
    }

    [Property(MaxTest = 300)]
    public Property Damaged_images_decode_or_fail_with_a_format_error()
    {
        using var original = Pattern();
        var png = PaperImages.Encode(original, PaperImageFormat.Png).ToArray();
        var jpeg = PaperImages.Encode(original, PaperImageFormat.Jpeg, 80).ToArray();
        var damage = from useJpeg in ArbMap.Default.GeneratorFor<bool>()
                     from edits in Gen.Choose(0, 1000).Select(v => v).ArrayOf(6)
                     from cut in Gen.Choose(0, 100)
                     select (useJpeg, edits, cut);
        return Prop.ForAll(damage.ToArbitrary(), d =>
        {
            var bytes = (d.useJpeg ? jpeg : png).ToArray();
            for (var i = 0; i + 1 < d.edits.Length; i += 2) bytes[d.edits[i] * bytes.Length / 1001] ^= (byte)(1 + d.edits[i + 1] % 255);
            bytes = bytes[..Math.Max(1, bytes.Length * (100 - d.cut / 2) / 100)];
            try
            {
                using var decoded = PaperImages.Decode(SKData.CreateCopy(bytes), "damaged");
                // A flipped byte may change the dimensions a header claims; they stay within the bounds.
                return decoded.Width is > 0 and <= PaperImages.MaxSide && decoded.Height is > 0 and <= PaperImages.MaxSide;
            }
            catch (SignalFormatException e)
            {
                return e.File == "damaged";
            }
        });
    }

    private static void WriteBigEndian(byte[] bytes, int at, uint value)
    {
        for (var i = 0; i < 4; i++) bytes[at + i] = (byte)(value >> (24 - 8 * i));
    }
}
