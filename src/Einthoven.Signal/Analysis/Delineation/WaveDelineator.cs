namespace Einthoven.Signal.Analysis.Delineation;

/// <summary>
/// Finds QRS, P and T onsets, peaks and offsets of one beat from all leads at once. It works on a median beat
/// (<see cref="RepresentativeBeat"/>) for global measurements, and on the window of a single beat.
/// The leads should be baseline-corrected (high-passed) and in mV.
/// </summary>
public static class WaveDelineator
{
    /// <param name="leads">Waveforms of the beat, one per lead, all of the same length.</param>
    /// <param name="rIndex">Position of the R peak in the waveforms.</param>
    /// <param name="rrSeconds">The RR interval around the beat, which bounds the T-wave search.</param>
    /// <param name="fs">Sampling frequency in Hz.</param>
    public static BeatDelineation Delineate(double[][] leads, int rIndex, double rrSeconds, double fs)
    {
        if (leads.Length == 0) throw new ArgumentException("no leads to delineate", nameof(leads));
        if (leads.Any(l => l.Length != leads[0].Length)) throw new ArgumentException("leads differ in length", nameof(leads));
        if (rIndex < 0 || rIndex >= leads[0].Length) throw new ArgumentOutOfRangeException(nameof(rIndex), rIndex, "R peak outside the waveform");
        if (fs <= 0) throw new ArgumentOutOfRangeException(nameof(fs), fs, "sampling frequency must be positive");
        var qrs = QrsBoundaries.Find(leads, rIndex, fs);
        return new BeatDelineation(rIndex, qrs, PWaveFinder.Find(leads, qrs, fs), TWaveFinder.Find(leads, rIndex, qrs, rrSeconds, fs));
    }

    public static BeatDelineation Delineate(RepresentativeBeat beat) =>
        Delineate(beat.Leads, beat.RIndex, beat.RrSeconds, beat.SamplingFrequency);
}
