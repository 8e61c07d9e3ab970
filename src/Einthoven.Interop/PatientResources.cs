using Hl7.Fhir.Model;

namespace Einthoven.Interop;

/// <summary>A patient account as a FHIR Patient: the account id, the display name and the e-mail address.</summary>
public static class PatientResources
{
    public static Patient Patient(string id, string displayName, string? email)
    {
        var patient = new Patient { Id = id, Active = true };
        if (!string.IsNullOrWhiteSpace(displayName)) patient.Name.Add(new HumanName { Text = displayName });
        if (!string.IsNullOrWhiteSpace(email)) patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Home, email));
        return patient;
    }
}
