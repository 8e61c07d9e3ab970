using Einthoven.Models.TwelveLead;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Einthoven.TestSupport;
using Xunit;

namespace Einthoven.Models.Tests.TwelveLead;

public class TwelveLeadInputTests
{
    private static EcgRecord PtbXl(int id) => RecordFiles.Read(Path.Combine(TestData.PtbXl, "records100", "00000", $"{id:00000}_lr.hea"));

    private static EcgRecord Keep(EcgRecord record, Func<string, bool> keep, Func<string, string>? rename = null)
    {
        var leads = Enumerable.Range(0, record.Info.Leads.Count).Where(l => keep(record.Info.Leads[l].Name)).ToArray();
        var info = record.Info with { Leads = leads.Select(l => record.Info.Leads[l] with { Name = (rename ?? (n => n))(record.Info.Leads[l].Name) }).ToArray() };
        return new EcgRecord(info, leads.Select(l => record.Samples[l]).ToArray());
    }

    [Fact]
    public void Reads_the_ptb_xl_leads_in_the_models_order_in_millivolts()
    {
        var record = PtbXl(10);
        var signal = TwelveLeadInput.Prepare(record, TwelveLeadInput.StandardLeads, 100, 1000);
        Assert.Equal(12 * 1000, signal.Values.Length);
        Assert.Empty(signal.DerivedLeads);
        var v1 = record.Info.Leads.Select((l, i) => (l, i)).Single(x => x.l.Name.Equals("V1", StringComparison.OrdinalIgnoreCase)).i;
        for (var i = 0; i < 1000; i += 97) Assert.Equal(record.Info.Leads[v1].ToPhysical(record.Samples[v1][i]), signal.Lead(6)[i], 5);
    }

    [Fact]
    public void Shuffled_and_renamed_leads_give_the_same_input()
    {
        var record = PtbXl(10);
        var reversed = Enumerable.Range(0, 12).Reverse().ToArray();
        var shuffled = new EcgRecord(record.Info with { Leads = reversed.Select(l => record.Info.Leads[l] with { Name = "Lead " + record.Info.Leads[l].Name.ToUpperInvariant() }).ToArray() },
            reversed.Select(l => record.Samples[l]).ToArray());
        Assert.Equal(TwelveLeadInput.Prepare(record, TwelveLeadInput.StandardLeads, 100, 1000).Values,
            TwelveLeadInput.Prepare(shuffled, TwelveLeadInput.StandardLeads, 100, 1000).Values);
    }

    [Fact]
    public void Missing_limb_leads_are_derived_by_einthovens_law()
    {
        var record = PtbXl(10);
        var full = TwelveLeadInput.Prepare(record, TwelveLeadInput.StandardLeads, 100, 1000);
        var reduced = TwelveLeadInput.Prepare(Keep(record, n => n is not ("III" or "AVR" or "AVL" or "AVF" or "aVR" or "aVL" or "aVF")), TwelveLeadInput.StandardLeads, 100, 1000);
        Assert.Equal(["III", "aVR", "aVL", "aVF"], reduced.DerivedLeads);
        // PTB-XL stores the derived leads rounded to 1 µV, so the recomputed ones agree to a few µV.
        for (var lead = 2; lead < 6; lead++)
            for (var i = 0; i < 1000; i++) Assert.InRange(reduced.Lead(lead)[i] - full.Lead(lead)[i], -0.004, 0.004);
    }

    [Fact]
    public void A_missing_precordial_lead_is_refused_by_name()
    {
        var e = Assert.Throws<TwelveLeadInputException>(() =>
            TwelveLeadInput.Prepare(Keep(PtbXl(10), n => !n.Equals("V4", StringComparison.OrdinalIgnoreCase)), TwelveLeadInput.StandardLeads, 100, 1000));
        Assert.Contains("V4", e.Message);
    }

    [Fact]
    public void A_lead_printed_for_only_a_quarter_of_the_time_is_refused_by_name()
    {
        // A 3x4 paper ECG read back: V1 is 0 outside its 2.5 s column; the model would read zeros as a flat lead.
        var record = PtbXl(10);
        var v1 = record.Info.LeadIndex("V1");
        var samples = record.Samples.Select(s => (int[])s.Clone()).ToArray();
        Array.Fill(samples[v1], 0, 0, 500);
        Array.Fill(samples[v1], 0, 750, samples[v1].Length - 750);
        var e = Assert.Throws<TwelveLeadInputException>(() => TwelveLeadInput.Prepare(new EcgRecord(record.Info, samples), TwelveLeadInput.StandardLeads, 100, 1000));
        Assert.Contains("V1", e.Message);
        Assert.Contains("paper ECG", e.Message);
        // A moment without a signal is still read.
        Array.Copy(record.Samples[v1], samples[v1], samples[v1].Length);
        Array.Fill(samples[v1], 0, 0, 100);
        Assert.Equal(12 * 1000, TwelveLeadInput.Prepare(new EcgRecord(record.Info, samples), TwelveLeadInput.StandardLeads, 100, 1000).Values.Length);
    }

    [Fact]
    public void A_too_short_record_is_refused_with_its_duration()
    {
        var record = PtbXl(10);
        var shortRecord = new EcgRecord(record.Info with { SampleCount = 500 }, record.Samples.Select(s => s[..500]).ToArray());
        var e = Assert.Throws<TwelveLeadInputException>(() => TwelveLeadInput.Prepare(shortRecord, TwelveLeadInput.StandardLeads, 100, 1000));
        Assert.Contains("5 s", e.Message);
    }

    [Fact]
    public void Microvolts_and_other_rates_are_converted()
    {
        var record = PtbXl(10);
        var inMicrovolts = new EcgRecord(record.Info with { Leads = record.Info.Leads.Select(l => l with { Unit = "uV", Gain = l.Gain / 1000 }).ToArray() }, record.Samples);
        var a = TwelveLeadInput.Prepare(record, TwelveLeadInput.StandardLeads, 100, 1000).Values;
        var b = TwelveLeadInput.Prepare(inMicrovolts, TwelveLeadInput.StandardLeads, 100, 1000).Values;
        for (var i = 0; i < a.Length; i++) Assert.Equal(a[i], b[i], 4);
        // 500 Hz LUDB records come out at 100 Hz, 1000 samples.
        var ludb = RecordFiles.Read(Path.Combine(TestData.Ludb, "data", "1.hea"));
        Assert.Equal(12 * 1000, TwelveLeadInput.Prepare(ludb, TwelveLeadInput.StandardLeads, 100, 1000).Values.Length);
        var notVolts = new EcgRecord(record.Info with { Leads = record.Info.Leads.Select(l => l with { Unit = "mmHg" }).ToArray() }, record.Samples);
        Assert.Contains("mmHg", Assert.Throws<TwelveLeadInputException>(() => TwelveLeadInput.Prepare(notVolts, TwelveLeadInput.StandardLeads, 100, 1000)).Message);
    }

    [Theory]
    [InlineData("avr", "aVR")]
    [InlineData("AVF", "aVF")]
    [InlineData(" Lead II ", "II")]
    [InlineData("D3", "III")]
    [InlineData("v6", "V6")]
    [InlineData("MLII", null)]
    public void Lead_names_are_recognised(string name, string? expected) => Assert.Equal(expected, TwelveLeadInput.Canonical(name));
}
