using System.Globalization;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Edf;

/// <summary>
/// What an EDF header means for the record model: which signals become leads, the sampling rate, calibration,
/// start and metadata.
/// </summary>
internal sealed record EdfLayout(RecordInfo Info, int[] LeadSignals, int[] AnnotationSignals, int SamplesPerRecord)
{
    public static EdfLayout For(EdfHeader header, string file)
    {
        var annotationSignals = Indices(header, s => s.IsAnnotation && header.IsEdfPlus);
        var ordinary = Indices(header, s => !(s.IsAnnotation && header.IsEdfPlus));
        if (ordinary.Length == 0)
            throw new SignalFormatException(file, "signals", "the file has no ordinary signals (only annotations), so there is no ECG to read");
        if (header.RecordDuration <= 0)
            throw new SignalFormatException(file, "duration of a data record", $"{header.RecordDuration} s: a file with signals needs a positive duration");

        // The record model has one sampling rate: the fastest signals become leads, slower ones are listed as skipped.
        var spr = ordinary.Max(i => header.Signals[i].SamplesPerRecord);
        var leads = ordinary.Where(i => header.Signals[i].SamplesPerRecord == spr).ToArray();
        var fs = SamplingFrequency(spr, header.RecordDuration, file);
        var comments = new List<string>();
        foreach (var i in ordinary.Except(leads))
        {
            var s = header.Signals[i];
            comments.Add($"EDF signal '{s.Label}' ({(double)(s.SamplesPerRecord / header.RecordDuration):0.###} Hz) is not included: " +
                         $"the record holds one sampling rate ({fs:0.###} Hz) and signals are not resampled");
        }
        foreach (var i in leads)
        {
            var s = header.Signals[i];
            if (s.Transducer.Length > 0) comments.Add($"{s.Label} transducer: {s.Transducer}");
            if (s.Prefiltering.Length > 0) comments.Add($"{s.Label} prefiltering: {s.Prefiltering}");
        }

        var metadata = new Dictionary<string, string>();
        EdfIdentification.ReadPatient(header.Patient, header.IsEdfPlus, metadata);
        var (plusDate, dateUnknown) = EdfIdentification.ReadRecording(header.Recording, header.IsEdfPlus, metadata);
        var headerDate = HeaderDate(header.StartDate);
        var date = plusDate ?? (dateUnknown ? null : headerDate);
        TimeOnly? time = TimeOnly.TryParseExact(header.StartTime, "HH.mm.ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
        if (time is null) comments.Add($"EDF start time '{header.StartTime}' is not a valid hh.mm.ss time");
        if (dateUnknown && time == TimeOnly.MinValue) time = null;

        var info = new RecordInfo
        {
            Name = Path.GetFileNameWithoutExtension(file),
            SamplingFrequency = fs,
            StartDate = date,
            StartTime = time,
            SampleCount = header.RecordCount * spr,
            Leads = leads.Select(i => Lead(header.Signals[i], i, file)).ToArray(),
            Comments = comments,
            Metadata = metadata,
        };
        return new EdfLayout(info, leads, annotationSignals, spr);
    }

    /// <summary>EDF+ starts can be finer than a second: the first data record's onset is added to the header's start time.</summary>
    public RecordInfo WithFirstOnset(decimal onset)
    {
        if (onset == 0 || Info.StartTime is not { } time) return Info;
        var ticks = (long)Math.Round(onset * TimeSpan.TicksPerSecond);
        if (Info.StartDate is { } date)
        {
            var start = date.ToDateTime(time).AddTicks(ticks);
            return Info with { StartDate = DateOnly.FromDateTime(start), StartTime = TimeOnly.FromDateTime(start) };
        }
        return Info with { StartTime = time.Add(TimeSpan.FromTicks(ticks)) };
    }

    /// <summary>
    /// samples per record / duration, snapped to the nearest whole rate when the 8-character duration field cannot
    /// state that rate's duration more exactly (e.g. 1 sample per 0.002778 s is 360 Hz).
    /// </summary>
    private static double SamplingFrequency(int spr, decimal duration, string file)
    {
        var fs = duration >= 1e-9m ? spr / duration : 0;
        if (fs is 0 or > 1e9m)
            throw new SignalFormatException(file, "duration of a data record", $"{spr} samples in {duration} s is not a usable sampling rate");
        if (fs == Math.Round(fs, 6)) return (double)fs;
        var whole = Math.Round(fs);
        if (whole > 0 && Math.Round(spr / whole, duration.Scale, MidpointRounding.AwayFromZero) == duration) return (double)whole;
        return (double)fs;
    }

    private static LeadInfo Lead(EdfSignal s, int index, string file)
    {
        var field = $"signal {index + 1} '{s.Label}' calibration";
        try
        {
            var gain = (s.DigitalMax - (decimal)s.DigitalMin) / (s.PhysicalMax - s.PhysicalMin);
            // LeadInfo keeps an integer baseline; a fractional EDF offset is rounded, moving values by at most half a step.
            var baseline = Math.Round(s.DigitalMax - s.PhysicalMax * gain, MidpointRounding.AwayFromZero);
            if (baseline is < int.MinValue or > int.MaxValue)
                throw new SignalFormatException(file, field, $"the physical range [{s.PhysicalMin}, {s.PhysicalMax}] puts zero at digital {baseline}, outside the 32-bit range");
            return new LeadInfo
            {
                Name = s.Label.Trim(),
                Unit = PhysicalUnits.Normalise(s.Dimension),
                Gain = (double)gain,
                Baseline = (int)baseline,
                AdcResolution = 16,
                AdcZero = (int)Math.Floor((s.DigitalMin + (double)s.DigitalMax + 1) / 2),
            };
        }
        catch (OverflowException)
        {
            throw new SignalFormatException(file, field, $"the physical range [{s.PhysicalMin}, {s.PhysicalMax}] and digital range [{s.DigitalMin}, {s.DigitalMax}] give no usable gain");
        }
    }

    /// <summary>"dd.mm.yy" with EDF's 1985-2084 window; null when unreadable or "yy" (the EDF+ field has the year).</summary>
    private static DateOnly? HeaderDate(string text)
    {
        var parts = text.Split('.');
        if (parts.Length != 3 || !int.TryParse(parts[0], out var day) || !int.TryParse(parts[1], out var month)
            || !int.TryParse(parts[2], out var yy) || parts[2].Length != 2) return null;
        var year = yy >= 85 ? 1900 + yy : 2000 + yy;
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    private static int[] Indices(EdfHeader header, Func<EdfSignal, bool> test) =>
        Enumerable.Range(0, header.Signals.Count).Where(i => test(header.Signals[i])).ToArray();
}
