using System.Globalization;
using System.Text;
using Einthoven.Evaluation.Statements;

namespace Einthoven.Cli.Plotting;

/// <summary>A reliability diagram as SVG: for each class, the share of positives against the mean predicted probability per bin (dots sized by count), and the diagonal of perfect calibration.</summary>
public static class ReliabilityDiagram
{
    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2"];

    public static string Svg(IReadOnlyDictionary<string, IReadOnlyList<ReliabilityBin>> classes, string title)
    {
        const int size = 360, margin = 50, legend = 110;
        double X(double p) => margin + p * size;
        double Y(double p) => margin + (1 - p) * size;
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{size + 2 * margin + legend}\" height=\"{size + 2 * margin}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.Append($"<rect width=\"100%\" height=\"100%\" fill=\"white\"/><text x=\"{margin}\" y=\"{margin - 20}\" font-size=\"14\">{System.Security.SecurityElement.Escape(title)}</text>");
        for (var t = 0; t <= 10; t += 2)
        {
            var v = t / 10.0;
            svg.Append($"<line x1=\"{F(X(v))}\" y1=\"{F(Y(0))}\" x2=\"{F(X(v))}\" y2=\"{F(Y(1))}\" stroke=\"#eee\"/><line x1=\"{F(X(0))}\" y1=\"{F(Y(v))}\" x2=\"{F(X(1))}\" y2=\"{F(Y(v))}\" stroke=\"#eee\"/>");
            svg.Append($"<text x=\"{F(X(v))}\" y=\"{F(Y(0) + 16)}\" text-anchor=\"middle\">{F(v)}</text><text x=\"{F(X(0) - 6)}\" y=\"{F(Y(v) + 4)}\" text-anchor=\"end\">{F(v)}</text>");
        }
        svg.Append($"<line x1=\"{F(X(0))}\" y1=\"{F(Y(0))}\" x2=\"{F(X(1))}\" y2=\"{F(Y(1))}\" stroke=\"#999\" stroke-dasharray=\"4 4\"/>");
        svg.Append($"<text x=\"{F(X(0.5))}\" y=\"{F(Y(0) + 36)}\" text-anchor=\"middle\">mean predicted probability</text>");
        svg.Append($"<text transform=\"translate({F(X(0) - 36)} {F(Y(0.5))}) rotate(-90)\" text-anchor=\"middle\">observed share of positives</text>");
        var k = 0;
        foreach (var (code, bins) in classes)
        {
            var colour = Colours[k % Colours.Length];
            var points = string.Join(" ", bins.Select(b => $"{F(X(b.MeanProbability))},{F(Y(b.PositiveShare))}"));
            svg.Append($"<polyline points=\"{points}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\"/>");
            foreach (var b in bins)
                svg.Append($"<circle cx=\"{F(X(b.MeanProbability))}\" cy=\"{F(Y(b.PositiveShare))}\" r=\"{F(2 + Math.Sqrt(b.Count))}\" fill=\"{colour}\" fill-opacity=\"0.6\"><title>{code}: {b.Count} records, mean p {b.MeanProbability:0.00}, positive {b.PositiveShare:0.00}</title></circle>");
            svg.Append($"<rect x=\"{margin * 2 + size - 20}\" y=\"{margin + 18 * k}\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"{margin * 2 + size - 2}\" y=\"{margin + 18 * k + 10}\">{System.Security.SecurityElement.Escape(code)}</text>");
            k++;
        }
        return svg.Append("</svg>\n").ToString();
    }
}
