using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Einthoven.TestSupport;

namespace Einthoven.Signal.Tests.Edf;

/// <summary>Real MIT-BIH records through EDF+ and back.</summary>
public class EdfMitDbTests
{
    [Theory]
    [InlineData("100")]
    [InlineData("102")]
    [InlineData("208")]
    [InlineData("232")]
    public void Mitdb_records_keep_their_samples_calibration_and_reference_annotations(string name)
    {
        var original = RecordFiles.Read(TestData.MitDbRecord(name));
        var path = Path.Combine(TestData.TempDir(), name + ".edf");
        RecordFiles.Write(original, path);
        var back = RecordFiles.Read(path);

        Assert.Equal(original.Info.SamplingFrequency, back.Info.SamplingFrequency);
        for (var lead = 0; lead < original.Samples.Length; lead++)
        {
            Assert.Equal((original.Info.Leads[lead].Gain, original.Info.Leads[lead].Baseline), (back.Info.Leads[lead].Gain, back.Info.Leads[lead].Baseline));
            Assert.True(original.Samples[lead].AsSpan().SequenceEqual(back.Samples[lead]));
        }
        // WFDB aux strings carry a C terminator that EDF+ texts cannot hold.
        var expected = original.Annotations["atr"].Select(a => a with { Aux = a.AuxText });
        Assert.Equal(expected, back.Annotations["edf"]);
        Assert.Equal(original.Info.Metadata[MetadataKeys.Sex], back.Info.Metadata[MetadataKeys.Sex]);
    }
}
