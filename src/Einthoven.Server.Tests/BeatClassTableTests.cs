using System.Text.Json;
using System.Text.RegularExpressions;
using Einthoven.Models.Beats;
using Einthoven.Server.Tests.Hosting;

namespace Einthoven.Server.Tests;

/// <summary>
/// One AAMI table for C# and the web UI: the server hands out exactly the table <see cref="AamiMapping"/> maps with, and
/// the web UI's beats.js loads it instead of keeping symbols of its own.
/// </summary>
[Collection("sqlite")]
public sealed partial class BeatClassTableTests(SqliteFixture fixture)
{
    [Fact]
    public async Task The_server_hands_out_the_table_the_analysis_maps_beats_with()
    {
        var served = await (await fixture.World.Anonymous.GetAsync("/api/analysis/beat-classes")).JsonAsync();
        var classes = served.EnumerateArray().Select(c => (Id: c.Str("id"), Symbols: c.GetProperty("symbols").EnumerateArray().Select(s => s.GetString()!).ToList())).ToList();
        Assert.Equal(AamiMapping.Table.Select(c => c.Id), classes.Select(c => c.Id));
        foreach (var (id, symbols) in classes)
        {
            Assert.Equal(AamiMapping.Table.Single(c => c.Id == id).Symbols, symbols);
            Assert.All(symbols, s => Assert.Equal(AamiMapping.Parse(id), AamiMapping.FromSymbol(s)));
        }
    }

    [Fact]
    public async Task The_web_ui_loads_the_table_and_names_no_beat_symbol_itself()
    {
        var js = await fixture.World.Anonymous.GetStringAsync("/js/core/beats.js");
        Assert.Contains("get('/api/analysis/beat-classes')", js);
        var literals = QuotedSymbol().Matches(js).Select(m => m.Value).ToList();
        Assert.True(literals.Count == 0, $"beats.js names beat symbols of its own: {string.Join(" ", literals)}");
    }

    [GeneratedRegex("""['"`][NLRBAaJSVrFejnE/fQ?]['"`]""")]
    private static partial Regex QuotedSymbol();
}
