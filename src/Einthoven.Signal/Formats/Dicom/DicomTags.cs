namespace Einthoven.Signal.Formats.Dicom;

/// <summary>The data element tags (group &lt;&lt; 16 | element) and UIDs the waveform reader and writer use.</summary>
internal static class DicomTags
{
    public const uint FileMetaGroupLength = 0x00020000, FileMetaVersion = 0x00020001, MediaStorageSopClass = 0x00020002,
        MediaStorageSopInstance = 0x00020003, TransferSyntax = 0x00020010, ImplementationClass = 0x00020012,
        ImplementationVersion = 0x00020013;

    public const uint SpecificCharacterSet = 0x00080005, SopClass = 0x00080016, SopInstance = 0x00080018,
        StudyDate = 0x00080020, ContentDate = 0x00080023, AcquisitionDateTime = 0x0008002A, StudyTime = 0x00080030,
        ContentTime = 0x00080033, AccessionNumber = 0x00080050, Modality = 0x00080060, Manufacturer = 0x00080070,
        InstitutionName = 0x00080080, ReferringPhysician = 0x00080090, CodeValue = 0x00080100,
        CodingSchemeDesignator = 0x00080102, CodeMeaning = 0x00080104, CodingSchemeIdentification = 0x00080110,
        CodingSchemeName = 0x00080115, CodingSchemeResponsibleOrganization = 0x00080116, StudyDescription = 0x00081030,
        SeriesDescription = 0x0008103E, OperatorsName = 0x00081070, ModelName = 0x00081090;

    public const uint PatientName = 0x00100010, PatientId = 0x00100020, PatientBirthDate = 0x00100030,
        PatientSex = 0x00100040, PatientAge = 0x00101010, PatientComments = 0x00104000;

    public const uint MultiplexGroupTimeOffset = 0x00181068;

    public const uint StudyInstance = 0x0020000D, SeriesInstance = 0x0020000E, StudyId = 0x00200010,
        SeriesNumber = 0x00200011, InstanceNumber = 0x00200013;

    public const uint WaveformOriginality = 0x003A0004, NumberOfChannels = 0x003A0005, NumberOfSamples = 0x003A0010,
        SamplingFrequency = 0x003A001A, MultiplexGroupLabel = 0x003A0020, ChannelDefinitions = 0x003A0200,
        ChannelNumber = 0x003A0202, ChannelLabel = 0x003A0203, ChannelSource = 0x003A0208,
        ChannelSensitivity = 0x003A0210, ChannelSensitivityUnits = 0x003A0211, SensitivityCorrection = 0x003A0212,
        ChannelBaseline = 0x003A0213, ChannelSampleSkew = 0x003A0215, ChannelBitsStored = 0x003A021A;

    public const uint AcquisitionContext = 0x00400555, ConceptNameCode = 0x0040A043, ReferencedChannels = 0x0040A0B0,
        TemporalRangeType = 0x0040A130, ReferencedSamplePositions = 0x0040A132, AnnotationGroupNumber = 0x0040A180,
        WaveformAnnotations = 0x0040B020, UnformattedText = 0x00700006;

    public const uint WaveformSequence = 0x54000100, BitsAllocated = 0x54001004, SampleInterpretation = 0x54001006,
        WaveformData = 0x54001010;

    public const uint Item = 0xFFFEE000, ItemDelimitation = 0xFFFEE00D, SequenceDelimitation = 0xFFFEE0DD;

    /// <summary>Sequences the reader looks into; in implicit VR a defined-length sequence can only be told by its tag.</summary>
    public static readonly HashSet<uint> Sequences =
    [
        ChannelDefinitions, ChannelSource, ChannelSensitivityUnits, AcquisitionContext, ConceptNameCode,
        WaveformAnnotations, WaveformSequence,
    ];

    public const string ImplicitLittleEndian = "1.2.840.10008.1.2";
    public const string ExplicitLittleEndian = "1.2.840.10008.1.2.1";

    /// <summary>Implementation Class UID of this writer (a UUID-derived 2.25 UID, fixed).</summary>
    public const string ImplementationClassUid = "2.25.217341058305711453926372412364745360417";
    public const string ImplementationVersionName = "EINTHOVEN_1";

    /// <summary>"(GGGG,EEEE)" as DICOM writes a tag.</summary>
    public static string Format(uint tag) => $"({tag >> 16:X4},{tag & 0xFFFF:X4})";
}
