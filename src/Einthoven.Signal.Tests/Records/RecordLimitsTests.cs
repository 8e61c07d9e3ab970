using System.Text;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Wfdb;
using Einthoven.Signal.Records;
using Einthoven.Signal.Tests.Wfdb;
using Einthoven.TestSupport;
using TestData = Einthoven.TestSupport.TestData;
using FsCheck.Xunit;

namespace Einthoven.Signal.Tests.Records;

/// <summary>
/// Header claims are bounded: <see cref="RecordLimits"/> refuses exactly what exceeds them, and damaged or random
/// headers of every format either fail with a <see cref="SignalFormatException"/> or open a record within the limits.
/// </summary>
public class RecordLimitsTests
{
    private static readonly RecordLimits Tight = new()
    {
        MaxLeads = 4, MaxSamplesPerLead = 20_000, MaxTotalSamples = 40_000, MaxSamplingFrequency = 1000,
        MaxDuration = TimeSpan.FromMinutes(1), MaxNameLength = 8, MaxNotesLength = 200,
    };

    private static RecordInfo Info(int leads, long samples, double fs, string unit = "mV") => new()
    {
        Name = "r", SamplingFrequency = fs, SampleCount = samples,
        Leads = Enumerable.Range(0, leads).Select(i => new LeadInfo { Name = $"L{i}", Unit = unit }).ToArray(),
    };

    [Property(MaxTest = 500)]
    public bool A_record_is_refused_as_too_large_exactly_when_a_claim_exceeds_a_limit(byte leads, uint samples, ushort fs, byte unitLength)
    {
        var rate = fs + 1.0;
        var info = Info(leads % 8, samples % 100_000, rate, new string('u', unitLength % 12));
        var over = info.Leads.Count > Tight.MaxLeads || info.SampleCount > Tight.MaxSamplesPerLead || rate > Tight.MaxSamplingFrequency
                   || info.SampleCount / rate > Tight.MaxDuration.TotalSeconds || info.SampleCount * info.Leads.Count > Tight.MaxTotalSamples
                   || (info.Leads.Count > 0 && unitLength % 12 > Tight.MaxNameLength);
        try
        {
            Tight.Check(info, "r.hea");
            return !over;
        }
        catch (SignalFormatException e)
        {
            return over && e.Problem == SignalProblem.TooLarge && e.File == "r.hea" && e.Field.Length > 0;
        }
    }

    [Fact]
    public void The_default_limits_admit_a_24_hour_12_lead_holter_at_250_hz_and_not_a_13th_lead_or_a_49th_hour()
    {
        var limits = new RecordLimits();
        limits.Check(Info(12, 24L * 3600 * 250, 250), "holter.hea");
        Assert.Equal("length", Assert.Throws<SignalFormatException>(() => limits.Check(Info(13, 24L * 3600 * 250, 250), "h.hea")).Field);
        Assert.Equal("duration", Assert.Throws<SignalFormatException>(() => limits.Check(Info(1, 49L * 3600 * 250, 250), "h.hea")).Field);
        Assert.Equal("number of signals", Assert.Throws<SignalFormatException>(() => limits.Check(Info(17, 10, 250), "h.hea")).Field);
        Assert.Equal("sampling frequency", Assert.Throws<SignalFormatException>(() => limits.Check(Info(1, 10, 1e12), "h.hea")).Field);
    }

    [Fact]
    public void Random_bytes_and_damaged_headers_parse_within_the_parsers_bounds_or_fail_cleanly()
    {
        var random = new Random(21);
        var valid = File.ReadAllText(Path.Combine(TestData.MitDb, "100.hea"));
        var mutator = new Mutator(21);
        for (var i = 0; i < 4000; i++)
        {
            var text = i % 2 == 0 ? mutator.Text(valid) : Encoding.Latin1.GetString(RandomBytes(random));
            WfdbHeader header;
            try { header = WfdbHeaderFile.Parse(text, "fuzz.hea"); }
            catch (SignalFormatException) { continue; }
            Assert.InRange(header.SignalCount, 0, WfdbHeaderParser.MaxSignals);
            Assert.True(header.SampleCount >= 0 && double.IsFinite(header.SamplingFrequency) && header.SamplingFrequency > 0, text);
            Assert.All(header.Signals, s => Assert.InRange(s.SamplesPerFrame, 1, WfdbHeaderParser.MaxSamplesPerFrame));
            if (header.Segments is { } segments)
            {
                Assert.InRange(segments.Count, 1, WfdbHeaderParser.MaxSegments);
                Assert.All(segments, s => Assert.True(s.Length >= 0));
            }
        }
    }

    [Fact]
    public void Damaged_wfdb_headers_beside_real_data_open_within_the_limits_or_fail_cleanly()
    {
        var folder = TestData.TempDir();
        var source = Path.Combine(TestData.PtbXl, "records100", "00000", "00001_lr");
        File.Copy(source + ".dat", Path.Combine(folder, "r.dat"));
        var valid = File.ReadAllText(source + ".hea").Replace("00001_lr", "r");
        var mutator = new Mutator(22);
        OpensWithinLimits(Path.Combine(folder, "r.hea"), 1500, () => Encoding.UTF8.GetBytes(mutator.Text(valid)));
    }

    [Fact]
    public void Damaged_edf_and_csv_files_open_within_the_limits_or_fail_cleanly()
    {
        var record = new EcgRecord(Info(3, 600, 100), Enumerable.Range(0, 3).Select(l => Enumerable.Range(0, 600).Select(i => (i * 7 + l) % 400 - 200).ToArray()).ToArray());
        var folder = TestData.TempDir();
        foreach (var ext in new[] { ".edf", ".csv" })
        {
            var path = Path.Combine(folder, "r" + ext);
            RecordFiles.Write(record, path);
            var valid = File.ReadAllBytes(path);
            var mutator = new Mutator(23);
            OpensWithinLimits(path, 1500, () => mutator.Bytes(valid));
        }
    }

    /// <summary>Writes each mutant to <paramref name="path"/> and opens it with <see cref="Tight"/> limits.</summary>
    private static void OpensWithinLimits(string path, int iterations, Func<byte[]> mutant)
    {
        var opened = 0;
        for (var i = 0; i < iterations; i++)
        {
            File.WriteAllBytes(path, mutant());
            try
            {
                using var reader = RecordFiles.Open(path, options: new FormatOptions { Limits = Tight, SamplingFrequency = 100, Unit = "mV" });
                Tight.Check(reader.Info, path); // throws (and fails the test) if the reader let an oversized record through
                opened++;
            }
            catch (SignalFormatException e) when (e.File.Length > 0 && e.Field.Length > 0) { }
            catch (Exception e) { Assert.Fail($"mutant {i} of {Path.GetFileName(path)} threw {e.GetType().Name}: {e.Message}"); }
        }
        Assert.InRange(opened, 1, iterations);
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 200)];
        random.NextBytes(bytes);
        return bytes;
    }
}
