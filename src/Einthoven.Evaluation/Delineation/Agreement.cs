namespace Einthoven.Evaluation.Delineation;

/// <summary>How many records of a labelled group meet a criterion; records that could not be measured count apart.</summary>
public sealed record Agreement(string Group, string Criterion, int Records, int Agreeing, int Unmeasured)
{
    /// <summary>Agreeing share of the measured records, in %.</summary>
    public double Percent => Records - Unmeasured == 0 ? 0 : 100.0 * Agreeing / (Records - Unmeasured);
}
