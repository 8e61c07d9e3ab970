using System.Buffers.Binary;
using System.Globalization;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Dicom;

/// <summary>
/// Writes a record as a DICOM Part 10 ECG waveform file in explicit VR little endian: patient, study, series,
/// equipment and waveform identification from what the record has, one or more multiplex groups of 16-bit signed
/// samples (consecutive stretches of the record when the IOD limits a group's length) and the annotations. The
/// samples are streamed window by window; only the annotations are held in memory.
/// </summary>
internal static class DicomWaveformWriter
{
    public static void Write(ISignalReader source, Stream stream, DicomWriteOptions? options)
    {
        options ??= new DicomWriteOptions();
        var info = source.Info;
        var (iod, perGroup) = ChooseIod(info, options.Iod);
        CheckSamples(source);
        var meta = info.Metadata;
        var sopInstance = options.SopInstanceUid ?? DicomWriteOptions.NewUid();
        var created = options.ContentDateTime ?? DateTime.Now;
        var start = info.Start ?? (info.StartDate is { } d ? d.ToDateTime(TimeOnly.MinValue) : null);

        stream.Write(new byte[128]);
        stream.Write("DICM"u8);
        WriteFileMeta(stream, iod.SopClassUid, sopInstance);

        var o = new DicomOutput(stream);
        o.Text(DicomTags.SpecificCharacterSet, "CS", "ISO_IR 192");
        o.Text(DicomTags.SopClass, "UI", iod.SopClassUid);
        o.Text(DicomTags.SopInstance, "UI", sopInstance);
        o.Text(DicomTags.StudyDate, "DA", info.StartDate?.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        o.Text(DicomTags.ContentDate, "DA", created.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        // Type 1: a record without a start is stamped with the time it is written.
        o.Text(DicomTags.AcquisitionDateTime, "DT", (start ?? created).ToString("yyyyMMddHHmmss.ffffff", CultureInfo.InvariantCulture));
        o.Text(DicomTags.StudyTime, "TM", info.StartTime?.ToString("HHmmss.ffffff", CultureInfo.InvariantCulture));
        o.Text(DicomTags.ContentTime, "TM", created.ToString("HHmmss.ffffff", CultureInfo.InvariantCulture));
        o.Text(DicomTags.AccessionNumber, "SH", "");
        o.Text(DicomTags.Modality, "CS", "ECG");
        o.Text(DicomTags.Manufacturer, "LO", "");
        Optional(o, DicomTags.InstitutionName, "LO", meta.GetValueOrDefault(MetadataKeys.Site));
        o.Text(DicomTags.ReferringPhysician, "PN", "");
        o.Sequence(DicomTags.CodingSchemeIdentification, [c =>
        {
            c.Text(DicomTags.CodingSchemeDesignator, "SH", DicomAnnotations.Scheme);
            c.Text(DicomTags.CodingSchemeName, "ST", "WFDB annotation codes (ecgcodes.h)");
            c.Text(DicomTags.CodingSchemeResponsibleOrganization, "ST", "PhysioNet");
        }]);
        Optional(o, DicomTags.StudyDescription, "LO", meta.GetValueOrDefault(MetadataKeys.RecordingId));
        Optional(o, DicomTags.SeriesDescription, "LO", info.Name);
        Optional(o, DicomTags.OperatorsName, "PN", meta.GetValueOrDefault(MetadataKeys.Technician));
        Optional(o, DicomTags.ModelName, "LO", meta.GetValueOrDefault(MetadataKeys.Device));
        o.Text(DicomTags.PatientName, "PN", options.PatientName ?? meta.GetValueOrDefault(MetadataKeys.PatientName));
        o.Text(DicomTags.PatientId, "LO", options.PatientId ?? meta.GetValueOrDefault(MetadataKeys.PatientId));
        o.Text(DicomTags.PatientBirthDate, "DA", DicomPatient.BirthDate(meta.GetValueOrDefault(MetadataKeys.BirthDate)));
        o.Text(DicomTags.PatientSex, "CS", DicomPatient.Sex(meta.GetValueOrDefault(MetadataKeys.Sex)));
        Optional(o, DicomTags.PatientAge, "AS", DicomPatient.Age(meta.GetValueOrDefault(MetadataKeys.Age)));
        Optional(o, DicomTags.PatientComments, "LT", info.Comments.Count > 0 ? string.Join('\n', info.Comments) : null);
        o.Text(DicomTags.StudyInstance, "UI", options.StudyInstanceUid ?? meta.GetValueOrDefault(DicomMetadataKeys.StudyInstanceUid) ?? DicomWriteOptions.NewUid());
        o.Text(DicomTags.SeriesInstance, "UI", options.SeriesInstanceUid ?? meta.GetValueOrDefault(DicomMetadataKeys.SeriesInstanceUid) ?? DicomWriteOptions.NewUid());
        o.Text(DicomTags.StudyId, "SH", "");
        o.Integer(DicomTags.SeriesNumber, 1);
        o.Integer(DicomTags.InstanceNumber, 1);
        o.Sequence(DicomTags.AcquisitionContext, []);
        WriteAnnotations(o, source, perGroup);
        WriteWaveforms(o, source, perGroup);
    }

    internal static (DicomIodSpec Iod, long PerGroup) ChooseIod(RecordInfo info, DicomEcgIod? wanted)
    {
        var refusals = new List<string>();
        foreach (var iod in wanted is { } w ? [DicomIodSpec.Of(w)] : DicomIodSpec.All)
        {
            var (perGroup, refusal) = iod.Layout(info.Leads.Count, info.SamplingFrequency, info.SampleCount);
            if (refusal is null) return (iod, perGroup);
            refusals.Add(refusal);
        }
        throw new ArgumentException($"record '{info.Name}' fits no DICOM ECG waveform IOD: {string.Join("; ", refusals)}");
    }

    /// <summary>Refuses, before anything is written, samples that 16 bits cannot hold and calibrations DICOM cannot state.</summary>
    private static void CheckSamples(ISignalReader source)
    {
        var leads = source.Info.Leads;
        for (var i = 0; i < leads.Count; i++)
            if (!(double.IsFinite(leads[i].Gain) && leads[i].Gain != 0))
                throw new ArgumentException($"lead {i} '{leads[i].Name}' has gain {leads[i].Gain}; DICOM needs a finite, non-zero sensitivity");
        foreach (var block in SignalWindows.Of(source))
            for (var lead = 0; lead < block.Samples.Length; lead++)
                foreach (var v in block.Samples[lead])
                    if (v is < short.MinValue or > short.MaxValue)
                        throw new ArgumentException($"lead {lead} '{leads[lead].Name}' has sample {v} at {block.Start}+; DICOM ECG waveforms hold 16-bit samples ({short.MinValue} to {short.MaxValue})");
    }

    private static void WriteFileMeta(Stream stream, string sopClass, string sopInstance)
    {
        using var group = new MemoryStream();
        var g = new DicomOutput(group);
        g.Bytes(DicomTags.FileMetaVersion, "OB", [0, 1]);
        g.Text(DicomTags.MediaStorageSopClass, "UI", sopClass);
        g.Text(DicomTags.MediaStorageSopInstance, "UI", sopInstance);
        g.Text(DicomTags.TransferSyntax, "UI", DicomTags.ExplicitLittleEndian);
        g.Text(DicomTags.ImplementationClass, "UI", DicomTags.ImplementationClassUid);
        g.Text(DicomTags.ImplementationVersion, "SH", DicomTags.ImplementationVersionName);
        new DicomOutput(stream).UInt32(DicomTags.FileMetaGroupLength, (uint)group.Length);
        group.Position = 0;
        group.CopyTo(stream);
    }

    private static void Optional(DicomOutput o, uint tag, string vr, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) o.Text(tag, vr, value);
    }

    /// <summary>All annotation sets, merged in sample order (DICOM has one list).</summary>
    private static void WriteAnnotations(DicomOutput o, ISignalReader source, long perGroup)
    {
        var all = SignalWindows.Annotations(source).SelectMany(set => set.Annotations)
            .Where(a => a.Sample >= 0 && a.Sample < Math.Max(1, source.Info.SampleCount)).OrderBy(a => a.Sample).ToList();
        if (all.Count == 0) return;
        o.Sequence(DicomTags.WaveformAnnotations,
            all.Select(a => DicomAnnotations.Item(a, (ushort)(a.Sample / perGroup + 1), (uint)(a.Sample % perGroup + 1))));
    }

    private static void WriteWaveforms(DicomOutput o, ISignalReader source, long perGroup)
    {
        var info = source.Info;
        var channels = info.Leads.Count;
        var window = SignalWindows.LengthFor(info);
        o.BeginUndefinedSequence(DicomTags.WaveformSequence);
        var groupCount = Math.Max(1, (info.SampleCount + perGroup - 1) / perGroup);
        for (long g = 0; g < groupCount; g++)
        {
            var first = g * perGroup;
            var count = Math.Min(perGroup, info.SampleCount - first);
            o.BeginUndefinedItem();
            o.Text(DicomTags.WaveformOriginality, "CS", "ORIGINAL");
            o.UInt16(DicomTags.NumberOfChannels, (ushort)channels);
            o.UInt32(DicomTags.NumberOfSamples, (uint)count);
            o.Number(DicomTags.SamplingFrequency, info.SamplingFrequency);
            o.Text(DicomTags.MultiplexGroupLabel, "SH", groupCount == 1 ? "RHYTHM" : $"RHYTHM {g + 1}");
            o.Sequence(DicomTags.ChannelDefinitions, info.Leads.Select((lead, i) => ChannelDefinition(lead, i)));
            o.UInt16(DicomTags.BitsAllocated, 16);
            o.Text(DicomTags.SampleInterpretation, "CS", "SS");
            o.Header(DicomTags.WaveformData, "OW", (uint)(count * channels * 2));
            for (var at = first; at < first + count; at += window)
            {
                var block = source.Read(at, (int)Math.Min(window, first + count - at));
                var bytes = new byte[block.Length * channels * 2];
                for (var s = 0; s < block.Length; s++)
                for (var c = 0; c < channels; c++)
                    BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * (s * channels + c)), (short)block.Samples[c][s]);
                o.Stream.Write(bytes);
            }
            o.EndUndefinedItem();
        }
        o.EndUndefinedSequence();
    }

    private static Action<DicomOutput> ChannelDefinition(LeadInfo lead, int index) => o =>
    {
        var (code, meaning) = DicomLeadCodes.Code(lead.Name);
        var unit = PhysicalUnits.Normalise(lead.Unit);
        o.Integer(DicomTags.ChannelNumber, index + 1);
        if (lead.Name.Length is > 0 and <= 16) o.Text(DicomTags.ChannelLabel, "SH", lead.Name);
        o.Sequence(DicomTags.ChannelSource, [Code(code, DicomLeadCodes.Mdc, meaning.Length > 0 ? meaning : "Lead, unspecified")]);
        o.Number(DicomTags.ChannelSensitivity, 1 / lead.Gain);
        o.Sequence(DicomTags.ChannelSensitivityUnits, [Code(unit.Length > 0 ? unit : "1", "UCUM", UnitMeaning(unit))]);
        o.Number(DicomTags.SensitivityCorrection, 1);
        // Channel Baseline is in the encoded scale (PS3.3 C.10.9.1.4.3): value = (sample + baseline) * sensitivity.
        o.Number(DicomTags.ChannelBaseline, -(lead.Baseline + lead.BaselineFraction));
        o.Number(DicomTags.ChannelSampleSkew, 0);
        o.UInt16(DicomTags.ChannelBitsStored, 16);
    };

    private static Action<DicomOutput> Code(string value, string scheme, string meaning) => o =>
    {
        o.Text(DicomTags.CodeValue, "SH", value);
        o.Text(DicomTags.CodingSchemeDesignator, "SH", scheme);
        o.Text(DicomTags.CodeMeaning, "LO", meaning);
    };

    private static string UnitMeaning(string unit) => unit switch
    {
        "uV" => "microvolt",
        "mV" => "millivolt",
        "V" => "volt",
        "" => "no units",
        _ => unit,
    };
}
