using Hl7.Fhir.Model;

namespace Einthoven.Interop;

/// <summary>
/// Bookings as FHIR: a clinic service's bookable times as Slots of the Schedule "Schedule/{service id}", and a patient's
/// booking as an Appointment of that patient at that slot.
/// </summary>
public static class BookingResources
{
    public static string SlotId(Guid service, DateTimeOffset start) => $"{service:N}-{start.UtcDateTime:yyyyMMddHHmm}";

    public static Slot Slot(Guid service, string serviceName, DateTimeOffset start, DateTimeOffset end, bool free) => new()
    {
        Id = SlotId(service, start),
        Schedule = new ResourceReference($"Schedule/{service}"),
        ServiceType = [new CodeableConcept { Text = serviceName }],
        Status = free ? Hl7.Fhir.Model.Slot.SlotStatus.Free : Hl7.Fhir.Model.Slot.SlotStatus.Busy,
        Start = start,
        End = end,
    };

    public static Appointment Appointment(Guid id, Guid patient, Guid service, string clinicName, string serviceName,
        DateTimeOffset start, DateTimeOffset end, DateTimeOffset created, bool cancelled) => new()
    {
        Id = id.ToString(),
        Status = cancelled ? Hl7.Fhir.Model.Appointment.AppointmentStatus.Cancelled : Hl7.Fhir.Model.Appointment.AppointmentStatus.Booked,
        ServiceType = [new CodeableConcept { Text = serviceName }],
        Description = $"{serviceName} at {clinicName}",
        Start = start,
        End = end,
        Created = new FhirDateTime(created).Value,
        Slot = [new ResourceReference($"Slot/{SlotId(service, start)}")],
        Participant =
        [
            new Hl7.Fhir.Model.Appointment.ParticipantComponent
            {
                Actor = new ResourceReference($"Patient/{patient}"),
                Status = ParticipationStatus.Accepted,
            },
        ],
    };
}
