using Einthoven.Models.Beats;
using Einthoven.Signal.Records;

namespace Einthoven.Models.Tests.Beats;

public class AamiMappingTests
{
    [Theory]
    [InlineData("N", AamiClass.N), InlineData("L", AamiClass.N), InlineData("R", AamiClass.N), InlineData("e", AamiClass.N), InlineData("j", AamiClass.N)]
    [InlineData("A", AamiClass.S), InlineData("a", AamiClass.S), InlineData("J", AamiClass.S), InlineData("S", AamiClass.S)]
    [InlineData("V", AamiClass.V), InlineData("E", AamiClass.V), InlineData("F", AamiClass.F)]
    [InlineData("/", AamiClass.Q), InlineData("f", AamiClass.Q), InlineData("Q", AamiClass.Q)]
    public void Spec_symbols_map_to_their_aami_class(string symbol, AamiClass expected) =>
        Assert.Equal(expected, AamiMapping.FromSymbol(symbol));

    [Theory]
    [InlineData("B", AamiClass.N), InlineData("n", AamiClass.N), InlineData("r", AamiClass.V), InlineData("?", AamiClass.Q)]
    public void Beat_symbols_the_spec_leaves_out_follow_the_ec57_class_rules(string symbol, AamiClass expected) =>
        Assert.Equal(expected, AamiMapping.FromSymbol(symbol));

    [Fact]
    public void Every_beat_symbol_of_the_spec_qrs_protocol_has_exactly_one_class_and_nothing_else_has_one()
    {
        string[] specBeats = ["N", "L", "R", "B", "A", "a", "J", "S", "V", "r", "F", "e", "j", "n", "E", "/", "f", "Q", "?"];
        Assert.Equal(specBeats.Order(StringComparer.Ordinal), AamiMapping.Table.SelectMany(c => c.Symbols).Order(StringComparer.Ordinal));
        Assert.Equal(["N", "S", "V", "F", "Q"], AamiMapping.Table.Select(c => c.Id));
    }

    [Theory]
    [InlineData("+"), InlineData("~"), InlineData("x"), InlineData("!"), InlineData("|")]
    public void Symbols_outside_the_mapping_have_no_class(string symbol) => Assert.Null(AamiMapping.FromSymbol(symbol));

    [Fact]
    public void Every_class_is_written_as_a_wfdb_beat_symbol_of_its_own_letter()
    {
        foreach (var c in AamiMapping.Classes)
        {
            var code = AamiMapping.Code(c);
            Assert.True(AnnotationCodes.IsBeat(code));
            Assert.Equal(c.ToString(), AnnotationCodes.Symbol(code));
            Assert.Equal(c, AamiMapping.FromSymbol(AnnotationCodes.Symbol(code)));
        }
    }

    [Fact]
    public void Parse_rejects_names_that_are_not_classes()
    {
        Assert.Equal(AamiClass.V, AamiMapping.Parse("V"));
        Assert.Throws<ArgumentException>(() => AamiMapping.Parse("X"));
        Assert.Throws<ArgumentException>(() => AamiMapping.Parse("7"));
    }
}
