namespace Einthoven.Imaging.Digitizing;

/// <summary>Why an image could not be digitised.</summary>
public enum DigitizeProblem
{
    /// <summary>No ECG paper in the image: no grid and no traces.</summary>
    NotAnEcg,
    /// <summary>Traces, but no grid to measure them against.</summary>
    GridNotFound,
    /// <summary>Too blurred to follow the traces.</summary>
    TooBlurred,
    /// <summary>The page runs off the image: leads or their start are cut.</summary>
    Cropped,
    /// <summary>The grid was found but the leads could not be laid out.</summary>
    LayoutNotFound,
}

/// <summary>
/// An image that cannot be digitised, with what is wrong (<see cref="Exception.Message"/>) and how to retake the photo
/// (<see cref="Advice"/>). The digitiser never returns a made-up signal instead.
/// </summary>
public sealed class DigitizeException(DigitizeProblem problem, string message, string advice) : Exception(message)
{
    public DigitizeProblem Problem { get; } = problem;
    public string Advice { get; } = advice;
}
