namespace Einthoven.Models.Onnx;

/// <summary>
/// The class codes a manifest of vocabulary "scp-ecg" may use: PTB-XL's 71 SCP-ECG statements, its five diagnostic
/// superclasses and its diagnostic subclasses (PTB-XL 1.0.3, scp_statements.csv; Wagner et al., Sci Data 7:154, 2020).
/// </summary>
public static class ScpStatements
{
    public static readonly IReadOnlyList<string> Statements =
    [
        "NDT", "NST_", "DIG", "LNGQT", "NORM", "IMI", "ASMI", "LVH", "LAFB", "ISC_", "IRBBB", "1AVB", "IVCD", "ISCAL", "CRBBB",
        "CLBBB", "ILMI", "LAO/LAE", "AMI", "ALMI", "ISCIN", "INJAS", "LMI", "ISCIL", "LPFB", "ISCAS", "INJAL", "ISCLA", "RVH",
        "ANEUR", "RAO/RAE", "EL", "WPW", "ILBBB", "IPLMI", "ISCAN", "IPMI", "SEHYP", "INJIN", "INJLA", "PMI", "3AVB", "INJIL",
        "2AVB", "ABQRS", "PVC", "STD_", "VCLVH", "QWAVE", "LOWT", "NT_", "PAC", "LPR", "INVT", "LVOLT", "HVOLT", "TAB_", "STE_",
        "PRC(S)", "SR", "AFIB", "STACH", "SARRH", "SBRAD", "PACE", "SVARR", "BIGU", "AFLT", "SVTAC", "PSVT", "TRIGU",
    ];

    public static readonly IReadOnlyList<string> Superclasses = ["NORM", "MI", "STTC", "CD", "HYP"];

    public static readonly IReadOnlyList<string> Subclasses =
    [
        "AMI", "CLBBB", "CRBBB", "ILBBB", "IMI", "IRBBB", "ISCA", "ISCI", "ISC_", "IVCD", "LAFB/LPFB", "LAO/LAE", "LMI", "LVH",
        "NORM", "NST_", "PMI", "RAO/RAE", "RVH", "SEHYP", "STTC", "WPW", "_AVB",
    ];

    private static readonly HashSet<string> Known = new(Statements.Concat(Superclasses).Concat(Subclasses), StringComparer.Ordinal);

    public static bool IsKnown(string code) => Known.Contains(code);
}
