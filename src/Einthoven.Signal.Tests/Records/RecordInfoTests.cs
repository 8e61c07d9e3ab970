using Einthoven.Signal.Records;

namespace Einthoven.Signal.Tests.Records;

public class RecordInfoTests
{
    private static RecordInfo With(params string[] leads) => new()
    {
        Name = "r", SamplingFrequency = 360, SampleCount = 10, Leads = leads.Select(n => new LeadInfo { Name = n }).ToArray(),
    };

    [Theory]
    [InlineData(new[] { "MLII", "V1" }, 0)]
    [InlineData(new[] { "V5", "MLII" }, 1)]
    [InlineData(new[] { "I", "ii", "III" }, 1)]
    [InlineData(new[] { "V1", "ML2" }, 1)]
    [InlineData(new[] { "I", "III", "V1" }, -1)]
    public void Lead_II_is_found_under_any_of_its_names(string[] leads, int expected) =>
        Assert.Equal(expected, With(leads).LeadIIIndex());
}
