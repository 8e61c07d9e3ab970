namespace Einthoven.Imaging.Digitizing;

/// <summary>Why no grid was found, told apart so the user knows how to retake the photo.</summary>
internal static class ImageProblems
{
    public static DigitizeException NoGrid(float[] darkness, float[] blackness, int width, int height, double? pxPerMm)
    {
        var marked = darkness.Count(d => d > 0.15f) / (double)darkness.Length;
        if (marked < 0.002)
            return new DigitizeException(DigitizeProblem.NotAnEcg, "The picture is blank: no grid and no traces were found.",
                "Photograph a printed 12-lead ECG, flat and straight on, filling the picture.");
        if (Sharpness(darkness, width, height) < 0.06)
            return new DigitizeException(DigitizeProblem.TooBlurred, "The photo is too blurred to see the ECG grid and traces.",
                "Hold the phone still, let it focus on the paper (tap the screen), and use more light.");
        if (pxPerMm is { } px && px < 3)
            return new DigitizeException(DigitizeProblem.TooBlurred, $"The ECG is too small in the photo ({px:0.#} pixels per millimetre; at least 3 are needed).",
                "Move closer so the page fills the picture, or take the photo at a higher resolution.");
        var inked = blackness.Count(b => b > 0.4f) / (double)blackness.Length;
        return inked is > 0.002 and < 0.2
            ? new DigitizeException(DigitizeProblem.GridNotFound, "Traces were found but no ECG grid to measure them against.",
                "Photograph the printed page with its grid (the small squares) visible and in focus; a copy without the grid cannot be measured.")
            : new DigitizeException(DigitizeProblem.NotAnEcg, "This does not look like a printed ECG: no grid and no traces were found.",
                "Photograph a printed 12-lead ECG, flat and straight on, filling the picture.");
    }

    /// <summary>The 99.9th percentile of the darkness gradient: high where anything (trace, grid, text) has a crisp edge.</summary>
    private static double Sharpness(float[] darkness, int width, int height)
    {
        var gradients = new List<float>(darkness.Length / 4);
        for (var y = 1; y < height - 1; y += 2)
        for (var x = 1; x < width - 1; x += 2)
        {
            var i = y * width + x;
            var gx = darkness[i + 1] - darkness[i - 1];
            var gy = darkness[i + width] - darkness[i - width];
            gradients.Add(MathF.Sqrt(gx * gx + gy * gy) / 2);
        }
        if (gradients.Count == 0) return 0;
        gradients.Sort();
        return gradients[(int)(0.999 * (gradients.Count - 1))];
    }
}
