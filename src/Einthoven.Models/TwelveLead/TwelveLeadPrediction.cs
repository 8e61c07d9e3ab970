namespace Einthoven.Models.TwelveLead;

/// <summary>One class of a 12-lead model: its probability, the decision threshold chosen for it and the decision.</summary>
public sealed record StatementProbability(string Code, string Description, double Probability, double Threshold, bool Present);

/// <summary>
/// What a 12-lead model says about one recording: every class with its probability (not only the top one), the model's
/// version, the leads it derived from others (III, aVR, aVL, aVF from I and II) and the disclaimer.
/// </summary>
public sealed record TwelveLeadPrediction(string Model, IReadOnlyList<StatementProbability> Statements, IReadOnlyList<string> DerivedLeads)
{
    /// <summary>Always the platform's "not a certified medical device" statement.</summary>
    public string Disclaimer => Einthoven.Signal.Analysis.RecordMeasurements.NotAMedicalDevice;
}

/// <summary>A model that reads a resting 12-lead ECG and gives a probability for each of its classes.</summary>
public interface ITwelveLeadClassifier
{
    /// <summary>The model's name and version (e.g. "twelve-lead-1a2b3c4d"), reported with every prediction.</summary>
    string Version { get; }

    /// <summary>Name and version as the analysis lists its models.</summary>
    Analysis.ModelVersion Model { get; }

    /// <summary>How much of a recording the model reads, from its start.</summary>
    double WindowSeconds { get; }

    IReadOnlyList<string> Classes { get; }

    /// <summary>The decision threshold of each class, in the order of <see cref="Classes"/>.</summary>
    IReadOnlyList<double> Thresholds { get; }

    /// <exception cref="TwelveLeadInputException">The recording lacks a lead the model needs, is too short or not in volts.</exception>
    TwelveLeadPrediction Classify(Einthoven.Signal.Records.EcgRecord record);
}
