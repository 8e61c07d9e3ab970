using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Einthoven.TestSupport;

namespace Einthoven.Signal.Tests.Aecg;

/// <summary>Files in the style of the aECG implementation guide's examples, as other systems write them.</summary>
public class AecgForeignFileTests
{
    private const string Guide = """
        <?xml version="1.0" encoding="UTF-8"?>
        <AnnotatedECG xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <id root="728989ec-b8ab-4b5d-8e9f-4e5b4e0b0a6a"/>
          <code code="93000" codeSystem="2.16.840.1.113883.6.12"/>
          <effectiveTime><low value="20021122091000.000"/><high value="20021122091010.000"/></effectiveTime>
          <componentOf><timepointEvent><componentOf><subjectAssignment>
            <subject><trialSubject><id root="2.16.840.1.113883.3.5" extension="SUBJ-0042"/>
              <subjectDemographicPerson><name>JXS</name><administrativeGenderCode code="M" codeSystem="2.16.840.1.113883.5.1"/>
              <birthTime value="19510317"/></subjectDemographicPerson></trialSubject></subject>
          </subjectAssignment></componentOf></timepointEvent></componentOf>
          <component><series>
            <code code="RHYTHM" codeSystem="2.16.840.1.113883.5.4"/>
            <component><sequenceSet>
              <component><sequence><code code="TIME_RELATIVE" codeSystem="2.16.840.1.113883.5.4"/>
                <value xsi:type="GLIST_PQ"><head value="0" unit="ms"/><increment value="2" unit="ms"/></value></sequence></component>
              <component><sequence><code code="MDC_ECG_LEAD_II" codeSystem="2.16.840.1.113883.6.24"/>
                <value xsi:type="SLIST_PQ"><origin value="0.1" unit="mV"/><scale value="5" unit="uV"/>
                  <digits>0 10 20
                  30 -40 50 60 70 80 90</digits></value></sequence></component>
              <component><sequence><code code="MDC_ECG_LEAD_AVR" codeSystem="2.16.840.1.113883.6.24"/>
                <value xsi:type="SLIST_PQ"><origin value="0" unit="uV"/><scale value="2.5" unit="uV"/>
                  <digits>1 2 3 4 5 6 7 8 9 10</digits></value></sequence></component>
            </sequenceSet></component>
            <subjectOf><annotationSet>
              <activityTime value="20021122120000"/>
              <author><assignedEntity><id root="2.16.840.1.113883.3.5" extension="CARD-7"/>
                <assignedAuthorType><assignedPerson><name><given>Jane</given><family>Doe</family></name></assignedPerson></assignedAuthorType>
              </assignedEntity></author>
              <component><annotation><code code="MDC_ECG_TIME_PD_QT" codeSystem="2.16.840.1.113883.6.24"/><value xsi:type="PQ" value="398" unit="ms"/></annotation></component>
              <component><annotation>
                <code code="MDC_ECG_BEAT" codeSystem="2.16.840.1.113883.6.24"/>
                <text>early, wide</text>
                <value xsi:type="CE" code="MDC_ECG_BEAT_V_P_C" codeSystem="2.16.840.1.113883.6.24"/>
                <component><annotation>
                  <code code="MDC_ECG_WAVC" codeSystem="2.16.840.1.113883.6.24"/>
                  <value xsi:type="CE" code="MDC_ECG_WAVC_QRSWAVE" codeSystem="2.16.840.1.113883.6.24"/>
                  <support><supportingROI classCode="ROIBND"><code code="ROIPS" codeSystem="2.16.840.1.113883.5.4"/>
                    <component><boundary><code code="TIME_RELATIVE" codeSystem="2.16.840.1.113883.5.4"/>
                      <value xsi:type="IVL_PQ"><low value="4" unit="ms"/><high value="12" unit="ms"/></value></boundary></component>
                  </supportingROI></support>
                </annotation></component>
              </annotation></component>
              <component><annotation>
                <code code="MDC_ECG_BEAT" codeSystem="2.16.840.1.113883.6.24"/>
                <value xsi:type="CE" code="MDC_ECG_BEAT_WPW_A" codeSystem="2.16.840.1.113883.6.24"/>
                <support><supportingROI classCode="ROIBND"><code code="ROIPS" codeSystem="2.16.840.1.113883.5.4"/>
                  <component><boundary><code code="TIME_ABSOLUTE" codeSystem="2.16.840.1.113883.6.24"/>
                    <value xsi:type="IVL_TS"><low value="20021122091000.014"/></value></boundary></component>
                  <component><boundary><code code="MDC_ECG_LEAD_AVR" codeSystem="2.16.840.1.113883.6.24"/></boundary></component>
                </supportingROI></support>
              </annotation></component>
            </annotationSet></subjectOf>
            <subjectOf><annotationSet>
              <author><assignedEntity><assignedAuthorType><assignedDevice>
                <manufacturerModelName>MAC 5500</manufacturerModelName><softwareName>12SL v22</softwareName>
              </assignedDevice></assignedAuthorType></assignedEntity></author>
            </annotationSet></subjectOf>
          </series></component>
        </AnnotatedECG>
        """;

    [Fact]
    public void A_guide_style_file_gives_its_waveforms_patient_beats_measurements_and_authors()
    {
        var path = Path.Combine(TestData.TempDir(), "guide.aecg");
        File.WriteAllText(path, Guide);
        var record = RecordFiles.Read(path);
        var info = record.Info;

        Assert.Equal(500, info.SamplingFrequency);
        Assert.Equal(10, info.SampleCount);
        Assert.Equal(new DateOnly(2002, 11, 22), info.StartDate);
        Assert.Equal(new TimeOnly(9, 10, 0), info.StartTime);
        Assert.Equal(["II", "aVR"], info.Leads.Select(l => l.Name));
        // origin 0.1 mV = 100 uV with a 5 uV scale: the digit -20 is 0 uV.
        Assert.Equal(("uV", 0.2, -20), (info.Leads[0].Unit, info.Leads[0].Gain, info.Leads[0].Baseline));
        Assert.Equal(-100, record.Physical(0)[4], 9);
        Assert.Equal(25, record.Physical(1)[9], 9);

        Assert.Equal("SUBJ-0042", info.Metadata[MetadataKeys.PatientId]);
        Assert.Equal("JXS", info.Metadata[MetadataKeys.PatientName]);
        Assert.Equal("M", info.Metadata[MetadataKeys.Sex]);
        Assert.Equal("1951-03-17", info.Metadata[MetadataKeys.BirthDate]);

        Assert.Equal(new AnnotationAuthor(AnnotationAuthorKind.Person, "Jane Doe"), AnnotationAuthors.Of(info, "aecg-physician"));
        Assert.Equal(new AnnotationAuthor(AnnotationAuthorKind.Device, "MAC 5500 12SL v22"), AnnotationAuthors.Of(info, "aecg-device"));
        Assert.Equal("398 ms", info.Metadata["aecg-physician_MDC_ECG_TIME_PD_QT"]);
        // The PVC sits at the middle of its QRS wave (8 ms = sample 4), its text a note; a WPW beat has no WFDB code and
        // stays Q with its MDC code.
        Assert.Equal([new Annotation(4, AnnotationCodes.Pvc, Aux: "early, wide"), new Annotation(7, AnnotationCodes.Unknown, Channel: 1, Aux: "MDC_ECG_BEAT_WPW_A")],
            record.Annotations["aecg-physician"]);
        Assert.Empty(record.Annotations["aecg-device"]);
    }
}
