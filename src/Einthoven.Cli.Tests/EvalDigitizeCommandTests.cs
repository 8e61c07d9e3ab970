using System.Text.Json;
using Einthoven.TestSupport;

namespace Einthoven.Cli.Tests;

public class EvalDigitizeCommandTests
{
    [Fact]
    public void Two_fold_9_records_are_digitised_and_scored_per_level_with_the_analysis_beside_the_records()
    {
        var (code, output, error) = CliHarness.Run("eval", "digitize", TestData.PtbXl, "--records", "2", "--levels", "clean,phone", "--json");
        Assert.True(code == 0, error);
        var result = JsonDocument.Parse(output).RootElement;
        Assert.Equal(2, result.GetProperty("records").GetInt32());
        var levels = result.GetProperty("levels").EnumerateArray().ToArray();
        Assert.Equal(["clean", "phone"], levels.Select(l => l.GetProperty("level").GetString()));
        var images = result.GetProperty("images").EnumerateArray().ToArray();
        Assert.Equal(4, images.Length);
        Assert.Equal([8, 8, 10, 10], images.Select(i => i.GetProperty("ecgId").GetInt32())); // fold 9's first two records
        foreach (var level in levels)
        {
            Assert.Equal(2, level.GetProperty("images").GetInt32());
            var failures = level.GetProperty("failures").EnumerateObject().Sum(f => f.Value.GetInt32());
            var agreement = level.GetProperty("agreement");
            Assert.Equal(2, agreement.GetProperty("compared").GetInt32() + agreement.GetProperty("failed").GetInt32());
            Assert.Equal(failures, agreement.GetProperty("failed").GetInt32());
            var fullLength = level.GetProperty("fullLengthAgreement"); // 3x4: lead II's rhythm strip alone
            Assert.Equal(2, fullLength.GetProperty("compared").GetInt32() + fullLength.GetProperty("failed").GetInt32());
            Assert.Equal(["heart rate", "PR", "QRS", "QT"], agreement.GetProperty("measurements").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
            if (failures < 2) Assert.Equal(JsonValueKind.Number, level.GetProperty("meanSnrDb").ValueKind);
        }
        // A digitised clean page of a real record is worth more than noise: the clean level's mean is positive.
        var clean = levels[0];
        if (clean.GetProperty("meanSnrDb").ValueKind == JsonValueKind.Number) Assert.True(clean.GetProperty("meanSnrDb").GetDouble() > 0);
        Assert.All(images, i => Assert.Equal(12, i.GetProperty("leadSnrDb").EnumerateObject().Count()));
    }

    [Fact]
    public void Bad_options_are_usage_errors_naming_what_is_wrong()
    {
        var (code, _, error) = CliHarness.Run("eval", "digitize", TestData.PtbXl, "--levels", "clean,foggy");
        Assert.NotEqual(0, code);
        Assert.Contains("foggy", error);
        (code, _, error) = CliHarness.Run("eval", "digitize", TestData.PtbXl, "--layout", "5x5");
        Assert.NotEqual(0, code);
        Assert.Contains("5x5", error);
        (code, _, error) = CliHarness.Run("eval", "digitize", TestData.PtbXl, "--records", "0");
        Assert.NotEqual(0, code);
        Assert.Contains("--records", error);
        (code, _, error) = CliHarness.Run("eval", "digitize", TestData.TempDir());
        Assert.NotEqual(0, code);
        Assert.Contains("ptbxl_database.csv", error);
    }
}
