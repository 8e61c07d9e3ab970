using System.Text;
using System.Text.RegularExpressions;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Einthoven.Signal.Tests.Support;
using Einthoven.TestSupport;

namespace Einthoven.Signal.Tests.Aecg;

public partial class AecgFuzzTests
{
    private static readonly string[] Absurd =
        ["", "-1", "0", "1e308", "NaN", "abc", "99999999999999999999", "-0.0000000001", "20261399", "1E-300", "+-1", "Infinity", "2147483648"];

    private static byte[] Valid(bool withStart)
    {
        var random = AecgRoundTripTests.WithTwoSets(RandomRecords.Create(new Random(21)));
        var info = random.Info with { SampleCount = 300, SamplingFrequency = 250 };
        if (!withStart) info = info with { StartDate = null, StartTime = null };
        var record = new EcgRecord(info, random.Samples.Select(s => Enumerable.Range(0, 300).Select(i => s[i % s.Length]).ToArray()).ToArray(),
            random.Annotations.ToDictionary(p => p.Key, p => (IReadOnlyList<Annotation>)p.Value.Where(a => a.Sample < 300).ToList()));
        var path = Path.Combine(TestData.TempDir(), "v.xml");
        RecordFiles.Write(record, path);
        return File.ReadAllBytes(path);
    }

    [GeneratedRegex("(?:value|unit|code|extension|xsi:type)=\"[^\"]*\"")]
    private static partial Regex Attributes();

    [GeneratedRegex(@"-?\d+")]
    private static partial Regex Numbers();

    /// <summary>XML-aware mutations: absurd attribute values, oversized numbers, doctypes and entities, removed tags.</summary>
    private static byte[] XmlMutation(Random rng, byte[] valid)
    {
        var text = Encoding.UTF8.GetString(valid);
        switch (rng.Next(4))
        {
            case 0:
            {
                var attributes = Attributes().Matches(text);
                var m = attributes[rng.Next(attributes.Count)];
                var name = m.Value[..m.Value.IndexOf('=')];
                text = text[..m.Index] + $"{name}=\"{Absurd[rng.Next(Absurd.Length)]}\"" + text[(m.Index + m.Length)..];
                break;
            }
            case 1:
            {
                var numbers = Numbers().Matches(text);
                var m = numbers[rng.Next(numbers.Count)];
                var replacement = rng.Next(2) == 0 ? new string('9', rng.Next(10, 40)) : "-" + new string('1', rng.Next(10, 14));
                text = text[..m.Index] + replacement + text[(m.Index + m.Length)..];
                break;
            }
            case 2:
                text = text.Replace("<AnnotatedECG", rng.Next(2) == 0
                    ? "<!DOCTYPE AnnotatedECG [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><AnnotatedECG"
                    : "<!DOCTYPE AnnotatedECG [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><AnnotatedECG");
                break;
            default:
            {
                var tags = Regex.Matches(text, "</?[a-zA-Z]+[^>]*>");
                var m = tags[rng.Next(tags.Count)];
                text = text.Remove(m.Index, m.Length);
                break;
            }
        }
        return Encoding.UTF8.GetBytes(text);
    }

    [Fact]
    public void Thousands_of_mutated_files_with_absolute_times_read_or_fail_with_a_format_error()
    {
        var (read, refused) = Fuzz.Run(Valid(withStart: true), Path.Combine(TestData.TempDir(), "m.xml"), 2500, seed: 1, XmlMutation);
        Assert.True(read > 100 && refused > 100, $"read {read}, refused {refused}: the mutations should produce both");
    }

    [Fact]
    public void Thousands_of_mutated_files_with_relative_times_read_or_fail_with_a_format_error()
    {
        var (read, refused) = Fuzz.Run(Valid(withStart: false), Path.Combine(TestData.TempDir(), "m.xml"), 1500, seed: 2, XmlMutation);
        Assert.True(read > 50 && refused > 50, $"read {read}, refused {refused}: the mutations should produce both");
    }

    private static SignalFormatException Refused(string xml, FormatOptions? options = null)
    {
        var path = Path.Combine(TestData.TempDir(), "bad.xml");
        File.WriteAllText(path, xml);
        return Assert.Throws<SignalFormatException>(() => RecordFiles.Read(path, options: options));
    }

    private static string ValidText() => Encoding.UTF8.GetString(Valid(withStart: true));

    [Fact]
    public void A_number_of_millions_of_digits_fails_at_once_naming_the_lead()
    {
        var text = ValidText();
        var at = text.IndexOf("<digits>", StringComparison.Ordinal) + "<digits>".Length;
        var error = Refused(text[..at] + new string('7', 5_000_000) + " " + text[at..]);
        Assert.Contains("sequence 2", error.Field);
        Assert.Contains("digits", error.Field);
        Assert.Contains("more than 11 characters", error.Reason);
    }

    [Fact]
    public void More_samples_than_the_limits_allow_are_refused_while_decoding()
    {
        var error = Refused(ValidText(), new FormatOptions { Limits = new RecordLimits { MaxSamplesPerLead = 100 } });
        Assert.Equal(SignalProblem.TooLarge, error.Problem);
        Assert.Contains("more than 100 samples", error.Reason);
    }

    [Theory]
    [InlineData("<!DOCTYPE AnnotatedECG [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>")]
    [InlineData("<!DOCTYPE AnnotatedECG [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>")]
    public void Doctypes_and_entities_are_refused(string doctype)
    {
        var text = ValidText();
        var error = Refused(text.Replace("<AnnotatedECG", doctype + "<AnnotatedECG"));
        Assert.StartsWith("XML at line", error.Field);
        Assert.Contains("DTD", error.Reason);
    }

    [Fact]
    public void Another_xml_document_is_refused_naming_its_root()
    {
        var error = Refused("<?xml version=\"1.0\"?><ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>");
        Assert.Equal("root element", error.Field);
    }

    [Fact]
    public void Leads_of_different_lengths_are_refused()
    {
        var text = ValidText();
        var at = text.IndexOf("</digits>", StringComparison.Ordinal);
        var error = Refused(text[..at] + " 5 6 7" + text[at..]);
        Assert.Equal("lead 2 ('L1') digits", error.Field);
        Assert.Equal("300 samples, but lead 1 has 303", error.Reason);
    }
}
