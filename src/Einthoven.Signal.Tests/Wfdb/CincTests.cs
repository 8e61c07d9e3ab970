using System.Buffers.Binary;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Wfdb;
using Einthoven.TestSupport;

namespace Einthoven.Signal.Tests.Wfdb;

/// <summary>The 5000 CinC 2017 records: one lead in format 16 after a 24-byte MATLAB v4 header (16+24).</summary>
public class CincTests
{
    private static string[] RecordNames() =>
        File.ReadAllLines(Path.Combine(TestData.Cinc2017, "REFERENCE.csv")).Select(l => l.Split(',')[0]).ToArray();

    [Fact]
    public void RecordOpensByNameByHeaderAndByMatFile()
    {
        var dir = TestData.Cinc2017;
        foreach (var path in new[] { Path.Combine(dir, "A00001"), Path.Combine(dir, "A00001.hea"), Path.Combine(dir, "A00001.mat") })
        {
            using var reader = RecordFiles.Open(path);
            Assert.Equal("A00001", reader.Info.Name);
            Assert.Equal(300, reader.Info.SamplingFrequency);
            Assert.Equal(9000, reader.Info.SampleCount);
            Assert.Equal(1000, reader.Info.Leads[0].Gain);
            Assert.Equal(new DateOnly(2000, 5, 1), reader.Info.StartDate);
            Assert.Equal(new TimeOnly(5, 5, 15), reader.Info.StartTime);
            Assert.Empty(reader.Annotators);
        }
    }

    [Fact]
    public void FirstSamplesComeAfterTheMatlabHeader()
    {
        using var reader = RecordFiles.Open(Path.Combine(TestData.Cinc2017, "A00001"));
        // The bytes right after the 24-byte prolog are 0xff81, 0xff5e, 0xff3b: -127, -162, -197.
        Assert.Equal([-127, -162, -197], reader.Read(0, 3).Samples[0]);
    }

    [Fact]
    public void All5000RecordsDecodeToTheLengthTheirMatlabHeaderStates()
    {
        var names = RecordNames();
        Assert.Equal(5000, names.Length);
        var zeroChecksums = 0;
        Parallel.ForEach(names, name =>
        {
            var path = Path.Combine(TestData.Cinc2017, name);
            var record = RecordFiles.Read(path);
            // MATLAB v4: type, rows, columns, imaginary flag, name length; the columns are the samples.
            var prolog = new byte[24];
            using (var mat = File.OpenRead(path + ".mat")) mat.ReadExactly(prolog);
            Assert.Equal(BinaryPrimitives.ReadInt32LittleEndian(prolog.AsSpan(8)), record.Info.SampleCount);
            Assert.InRange(record.Info.SampleCount, 9 * 300, 61 * 300);
            Assert.Single(record.Samples);
            if (WfdbHeaderFile.Read(path + ".hea").Signals[0].Checksum == 0) Interlocked.Increment(ref zeroChecksums);
        });
        // The challenge's converter wrote 0 for every checksum, so there is no checksum to verify in this set.
        Assert.Equal(5000, zeroChecksums);
    }
}
