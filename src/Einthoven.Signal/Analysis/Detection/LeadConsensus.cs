using Einthoven.Signal.Records;

namespace Einthoven.Signal.Analysis.Detection;

/// <summary>
/// Beats of a record with three or more leads, agreed by the leads: a detection counts as a beat only if more than
/// half of the leads (of those with any detection: a disconnected lead has no vote) detected a beat within
/// <see cref="Tolerance"/> of it. On one lead the detector can take a tall T
/// wave after a small QRS for a second beat (PTB-XL 44: 20 "beats" on lead II of a 55 bpm ECG); the other leads do not
/// agree, so the T wave is dropped. Positions come from the reference lead where it found the beat, else the median
/// of the leads that did. Records with fewer than three voting leads get the reference lead's detections. A lead has no
/// vote where it is absent (<see cref="LeadPresence"/>: disconnected, or not printed there on a paper ECG).
/// </summary>
public static class LeadConsensus
{
    /// <summary>Largest spread of one beat's R peaks across leads, s: wide or notched QRS peak at different times per lead.</summary>
    public const double Tolerance = 0.1;

    public static long[] Detect(EcgRecord record, int referenceLead)
    {
        var leads = record.Info.Leads.Count;
        if (referenceLead < 0 || referenceLead >= leads)
            throw new ArgumentOutOfRangeException(nameof(referenceLead), referenceLead, $"{record.Info.Name} has {leads} leads");
        if (leads < 3) return QrsDetector.Detect(record, referenceLead);
        var presence = LeadPresence.Of(record);
        return Agree(Enumerable.Range(0, leads).Select(l => QrsDetector.Detect(record, l)).ToArray(), referenceLead, record.Info.SamplingFrequency,
            presence.Connected);
    }

    /// <summary>
    /// The consensus of per-lead detections (each ascending), or the reference lead's own under three voters. With
    /// <paramref name="connected"/>, a lead votes only where it is connected (lead, sample); where fewer than three are,
    /// the reference lead's own detections stand.
    /// </summary>
    public static long[] Agree(IReadOnlyList<long[]> perLead, int referenceLead, double samplingFrequency, Func<int, long, bool>? connected = null)
    {
        if (referenceLead < 0 || referenceLead >= perLead.Count)
            throw new ArgumentOutOfRangeException(nameof(referenceLead), referenceLead, $"there are {perLead.Count} leads");
        if (connected is not null) // detections where a lead is not connected do not count
            perLead = perLead.Select((beats, lead) => beats.Where(b => connected(lead, b) || lead == referenceLead).ToArray()).ToArray();
        var voters = perLead.Count(beats => beats.Length > 0);
        if (voters < 3) return perLead[referenceLead];
        var tolerance = (long)Math.Round(Tolerance * samplingFrequency);
        var events = perLead.SelectMany((beats, lead) => beats.Select(sample => (Sample: sample, Lead: lead)))
            .OrderBy(e => e.Sample).ThenBy(e => e.Lead).ToArray();
        var needed = voters / 2 + 1;
        var agreed = new List<long>();
        var members = new List<(long Sample, int Lead)>();
        var i = 0;
        while (i < events.Length)
        {
            // A group: the detections within the tolerance of its first one, at most one per lead.
            members.Clear();
            var start = events[i].Sample;
            var j = i;
            for (; j < events.Length && events[j].Sample - start <= tolerance; j++)
                if (!members.Any(m => m.Lead == events[j].Lead)) members.Add(events[j]);
            var required = needed;
            if (connected is not null)
            {
                var present = Enumerable.Range(0, perLead.Count).Count(l => perLead[l].Length > 0 && connected(l, start));
                required = present >= 3 ? present / 2 + 1 : int.MaxValue;
                if (present < 3 && members.Any(m => m.Lead == referenceLead)) required = members.Count;
            }
            if (members.Count >= required)
            {
                var reference = members.FindIndex(m => m.Lead == referenceLead);
                agreed.Add(reference >= 0 ? members[reference].Sample : members.Select(m => m.Sample).OrderBy(s => s).ElementAt(members.Count / 2));
                i = j;
            }
            else i++;
        }
        return agreed.ToArray();
    }
}
