namespace Einthoven.Monitoring;

/// <summary>
/// Bradycardia and tachycardia from the averaged rate (<see cref="HeartRateAverager"/>) at each beat: an episode
/// starts once the rate has been beyond the limit for <see cref="MonitorSettings.RateSustainSeconds"/> and ends once
/// it has been back by the hysteresis for as long, so a rate hovering at the limit does not chatter. The onset
/// estimate is the first beat of the stretch beyond the limit.
/// </summary>
public sealed class RateAlarms(double fs, MonitorSettings settings)
{
    private readonly HeartRateAverager _rate = new();
    private readonly Episode _brady = new(AlertKind.Bradycardia), _tachy = new(AlertKind.Tachycardia);
    private long _previous = -1;

    private sealed class Episode(AlertKind kind)
    {
        public readonly AlertKind Kind = kind;
        public bool Open;
        public long Since = -1; // first beat of the current stretch that would change the state
    }

    /// <summary>The latest averaged rate, bpm.</summary>
    public double? Rate { get; private set; }

    /// <summary>Forget the last beat: the next one follows a gap (signal lost), not an RR interval.</summary>
    public void Interrupt()
    {
        _previous = -1;
        _rate.Clear();
    }

    public void Beat(long sample, Action<AlertKind, AlertPhase, long, string> raise)
    {
        if (_previous >= 0) Rate = _rate.Add((sample - _previous) / fs) ?? Rate;
        _previous = sample;
        if (_rate.Count < HeartRateAverager.FewestIntervals || Rate is not { } bpm) return;
        Check(_brady, bpm < settings.BradycardiaBpm, bpm >= settings.BradycardiaBpm + settings.RateHysteresisBpm, sample, bpm, settings.BradycardiaBpm, raise);
        Check(_tachy, bpm > settings.TachycardiaBpm, bpm <= settings.TachycardiaBpm - settings.RateHysteresisBpm, sample, bpm, settings.TachycardiaBpm, raise);
    }

    /// <summary>Closes open episodes (end of stream).</summary>
    public void Close(long sample, Action<AlertKind, AlertPhase, long, string> raise)
    {
        foreach (var e in new[] { _brady, _tachy }.Where(e => e.Open))
        {
            raise(e.Kind, AlertPhase.End, sample, "end of stream");
            e.Open = false;
        }
    }

    private void Check(Episode e, bool beyond, bool back, long sample, double bpm, double limit, Action<AlertKind, AlertPhase, long, string> raise)
    {
        var changing = e.Open ? back : beyond;
        if (!changing)
        {
            e.Since = -1;
            return;
        }
        if (e.Since < 0) e.Since = sample;
        if ((sample - e.Since) / fs < settings.RateSustainSeconds) return;
        e.Open = !e.Open;
        raise(e.Kind, e.Open ? AlertPhase.Onset : AlertPhase.End, e.Since, $"heart rate {bpm:0} bpm (limit {limit:0})");
        e.Since = -1;
    }
}
