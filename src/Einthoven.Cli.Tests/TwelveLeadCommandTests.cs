using System.Text.Json;
using Einthoven.TestSupport;
using Xunit;

namespace Einthoven.Cli.Tests;

public class TwelveLeadCommandTests
{
    [Fact]
    public void Classify_locally_prints_every_class()
    {
        var record = Path.Combine(TestData.PtbXl, "records100", "00000", "00010_lr");
        var (code, output, _) = CliHarness.Run("classify-12lead", "--local", "--json", record);
        Assert.Equal(0, code);
        var result = JsonDocument.Parse(output).RootElement;
        Assert.StartsWith("einthoven-twelve-lead-", result.GetProperty("model").GetString());
        Assert.Contains(result.GetProperty("statements").EnumerateArray(), s => s.GetProperty("code").GetString() == "NORM" && s.GetProperty("present").GetBoolean());
    }

    [Fact]
    public void A_record_without_twelve_leads_is_a_usage_error()
    {
        var (code, _, error) = CliHarness.Run("classify-12lead", "--local", TestData.MitDbRecord("100"));
        Assert.NotEqual(0, code);
        Assert.Contains("lead", error);
    }
}
