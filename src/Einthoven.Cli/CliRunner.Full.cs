namespace Einthoven.Cli;

/// <summary>What only the full CLI adds to <see cref="CliRunner"/>: FHIR records and model-file errors.</summary>
public static partial class CliRunner
{
    // FHIR's ECG Observation is a record format like the others, but it lives with Firely's SDK in Einthoven.Interop.
    static partial void RegisterFormats() => Einthoven.Signal.Formats.RecordFiles.Register(new Einthoven.Interop.FhirObservationFormat());

    static partial void ClassifyBadInput(Exception e, ref bool badInput) => badInput |= e is Einthoven.Learning.Serialization.ModelFormatException;
}
