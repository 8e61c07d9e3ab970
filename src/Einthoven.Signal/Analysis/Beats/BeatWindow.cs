namespace Einthoven.Signal.Analysis.Beats;

/// <summary>The samples <c>[Start, End)</c> around one beat whose R peak is at <see cref="RPeak"/>.</summary>
public readonly record struct BeatWindow(int RPeak, int Start, int End)
{
    public int Length => End - Start;

    /// <summary>Index of the R peak inside the window.</summary>
    public int RIndex => RPeak - Start;

    public double[] Extract(double[] lead) => lead[Start..End];
}
