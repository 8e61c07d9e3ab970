using System.Globalization;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Tests.Support;

/// <summary>A minimal decode of an MIT-BIH format-212 record, to compare against until the WFDB reader is merged.</summary>
internal static class Mit212
{
    public static EcgRecord Read(string recordPath)
    {
        var lines = File.ReadAllLines(recordPath + ".hea").Where(l => !l.StartsWith('#') && l.Trim().Length > 0).ToArray();
        var head = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var leads = lines.Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(f => new LeadInfo
        {
            Name = f[8], Gain = double.Parse(f[2], CultureInfo.InvariantCulture), AdcResolution = int.Parse(f[3]),
            AdcZero = int.Parse(f[4]), Baseline = int.Parse(f[4]),
        }).ToArray();
        var bytes = File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(recordPath)!, lines[1].Split(' ')[0]));
        var n = long.Parse(head[3]);
        var samples = new int[2][] { new int[n], new int[n] };
        for (long i = 0; i < n; i++)
        {
            var (b0, b1, b2) = (bytes[3 * i], bytes[3 * i + 1], bytes[3 * i + 2]);
            samples[0][i] = SignExtend(b0 | (b1 & 0x0F) << 8);
            samples[1][i] = SignExtend(b2 | (b1 & 0xF0) << 4);
        }
        var info = new RecordInfo { Name = head[0], SamplingFrequency = double.Parse(head[2]), SampleCount = n, Leads = leads };
        return new EcgRecord(info, samples);
    }

    private static int SignExtend(int v) => v >= 2048 ? v - 4096 : v;
}
