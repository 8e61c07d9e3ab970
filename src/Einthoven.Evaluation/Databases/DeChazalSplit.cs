namespace Einthoven.Evaluation.Databases;

/// <summary>
/// The inter-patient split of the MIT-BIH Arrhythmia Database (de Chazal et al. 2004), as fixed in the SPEC: train and
/// select on DS1, report once on DS2. The paced records are in neither.
/// </summary>
public static class DeChazalSplit
{
    public static readonly IReadOnlyList<string> Ds1 =
    [
        "101", "106", "108", "109", "112", "114", "115", "116", "118", "119", "122",
        "124", "201", "203", "205", "207", "208", "209", "215", "220", "223", "230",
    ];

    public static readonly IReadOnlyList<string> Ds2 =
    [
        "100", "103", "105", "111", "113", "117", "121", "123", "200", "202", "210",
        "212", "213", "214", "219", "221", "222", "228", "231", "232", "233", "234",
    ];

    public static readonly IReadOnlyList<string> Paced = ["102", "104", "107", "217"];

    /// <summary>All 44 unpaced records, DS1 then DS2: the shipped beat model's training set since DS2 was spent as a test set.</summary>
    public static readonly IReadOnlyList<string> Unpaced = [.. Ds1, .. Ds2];

    /// <summary>
    /// The patient a record belongs to, for patient-wise folds: 201 and 202 are two recordings of one patient (the
    /// database's directory says so); every other record is its own patient.
    /// </summary>
    public static string Patient(string record) => record is "201" or "202" ? "201+202" : record;
}
