namespace Einthoven.Monitoring;

/// <summary>
/// Per-patient alert thresholds. The defaults are the usual bedside-monitor settings, not values fitted to any data:
/// <list type="bullet">
/// <item>IEC 60601-2-27:2011 requires alarms for cardiac standstill (asystole) and for heart rate below and above
/// adjustable limits, with a tachycardia alarm within 10 s (201.7.9.2.9.101 b 6); its heart-rate averaging rule
/// (b 3, as monitors implement it) is used for the rate: the mean of the last 12 RR intervals without the
/// longest and the shortest, or of the last 4 when the last 3 all exceed 1.2 s.</item>
/// <item>Bradycardia below 40 bpm and tachycardia above 150 bpm are "extreme" rate limits of the kind monitors ship
/// with (Mindray: extreme brady 15-115, extreme tachy 65-300 bpm, adjustable); both must hold for
/// <see cref="RateSustainSeconds"/>, and an episode ends only once the rate is back by <see cref="RateHysteresisBpm"/>
/// for as long. 4 s keeps the tachycardia alarm within the IEC 10 s: the 12-interval average needs about 4 s to
/// pass the limit and the analysis step adds up to 1 s.</item>
/// <item>Pause 2.5 s (Mindray offers 1.5, 2.0, 2.5, 3.0 s); asystole 4 s without a beat on a readable signal
/// (Mindray's asystole delay is adjustable 3-10 s, Philips IntelliVue's default is 4 s).</item>
/// <item>VT run: at least 3 consecutive V beats at 100 bpm or more (the usual definition of non-sustained VT, and
/// the smallest V-Tach run monitors accept; Philips' default V-Tach run is 5 at 100 bpm). Sustained VT: 30 s or
/// more (ACC/AHA/ESC 2006 guideline definition).</item>
/// <item>Atrial fibrillation: the rhythm model's call on 30 s windows (<see cref="RhythmWindowSeconds"/>), read every
/// <see cref="RhythmStepSeconds"/> (30 s: consecutive windows, as the offline analysis reads a long record; every 10 s
/// tripled the engine's rhythm cost, which the 1,000-patient budget cannot carry); it starts once consecutive windows called AF span <see cref="AfOnsetSeconds"/>
/// (60 s, the project's "sustained AF" of <c>RecordRhythm.SustainedAfSeconds</c>) and ends after
/// <see cref="AfEndWindows"/> windows without it.</item>
/// </list>
/// </summary>
public sealed record MonitorSettings(
    double BradycardiaBpm = 40,
    double TachycardiaBpm = 150,
    double PauseSeconds = 2.5,
    double AsystoleSeconds = 4,
    double VtRateBpm = 100,
    int VtRunBeats = 3,
    double SustainedVtSeconds = 30,
    double RateSustainSeconds = 4,
    double RateHysteresisBpm = 5,
    double RhythmWindowSeconds = 30,
    double RhythmStepSeconds = 30,
    double AfOnsetSeconds = 60,
    int AfEndWindows = 2,
    double SignalLossSeconds = 2,
    double EvidenceSeconds = 10)
{
    public static readonly MonitorSettings Default = new();

    /// <summary>Throws when a threshold is out of a sensible range (e.g. a pause longer than asystole).</summary>
    public void Validate()
    {
        if (!(BradycardiaBpm is > 0 and < 300)) throw new ArgumentOutOfRangeException(nameof(BradycardiaBpm), BradycardiaBpm, "must be 0-300 bpm");
        if (!(TachycardiaBpm > BradycardiaBpm + 2 * RateHysteresisBpm && TachycardiaBpm <= 350))
            throw new ArgumentOutOfRangeException(nameof(TachycardiaBpm), TachycardiaBpm, $"must exceed the bradycardia limit ({BradycardiaBpm}) by twice the hysteresis and be at most 350 bpm");
        if (!(PauseSeconds is >= 1 and <= 10)) throw new ArgumentOutOfRangeException(nameof(PauseSeconds), PauseSeconds, "must be 1-10 s");
        if (!(AsystoleSeconds >= PauseSeconds && AsystoleSeconds <= 30)) throw new ArgumentOutOfRangeException(nameof(AsystoleSeconds), AsystoleSeconds, $"must be at least the pause ({PauseSeconds} s) and at most 30 s");
        if (!(VtRateBpm is >= 60 and <= 300)) throw new ArgumentOutOfRangeException(nameof(VtRateBpm), VtRateBpm, "must be 60-300 bpm");
        if (VtRunBeats is < 3 or > 100) throw new ArgumentOutOfRangeException(nameof(VtRunBeats), VtRunBeats, "must be 3-100 beats");
        if (!(SustainedVtSeconds is >= 5 and <= 300)) throw new ArgumentOutOfRangeException(nameof(SustainedVtSeconds), SustainedVtSeconds, "must be 5-300 s");
        if (!(RateSustainSeconds is >= 0 and <= 60)) throw new ArgumentOutOfRangeException(nameof(RateSustainSeconds), RateSustainSeconds, "must be 0-60 s");
        if (!(RateHysteresisBpm is >= 0 and <= 30)) throw new ArgumentOutOfRangeException(nameof(RateHysteresisBpm), RateHysteresisBpm, "must be 0-30 bpm");
        if (!(RhythmWindowSeconds is >= 9 and <= 60)) throw new ArgumentOutOfRangeException(nameof(RhythmWindowSeconds), RhythmWindowSeconds, "the rhythm model reads 9-60 s");
        if (!(RhythmStepSeconds >= 1 && RhythmStepSeconds <= RhythmWindowSeconds)) throw new ArgumentOutOfRangeException(nameof(RhythmStepSeconds), RhythmStepSeconds, "must be 1 s up to the window");
        if (!(AfOnsetSeconds >= RhythmWindowSeconds && AfOnsetSeconds <= 600)) throw new ArgumentOutOfRangeException(nameof(AfOnsetSeconds), AfOnsetSeconds, "must be one window (RhythmWindowSeconds) up to 600 s");
        if (AfEndWindows is < 1 or > 60) throw new ArgumentOutOfRangeException(nameof(AfEndWindows), AfEndWindows, "must be 1-60 windows");
        if (!(SignalLossSeconds is >= 1 and <= 60)) throw new ArgumentOutOfRangeException(nameof(SignalLossSeconds), SignalLossSeconds, "must be 1-60 s");
        if (!(EvidenceSeconds is >= 2 and <= 60)) throw new ArgumentOutOfRangeException(nameof(EvidenceSeconds), EvidenceSeconds, "must be 2-60 s");
    }
}
