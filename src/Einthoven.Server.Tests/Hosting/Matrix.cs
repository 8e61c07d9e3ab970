namespace Einthoven.Server.Tests.Hosting;

/// <summary>The expected status code of one endpoint for each kind of caller.</summary>
public sealed record Matrix(int Anonymous, int Owner, int OtherPatient, int DoctorWithoutGrant, int DoctorWithGrant, int DoctorRevoked, int DoctorExpired, int Admin)
{
    public int this[Who who] => who switch
    {
        Who.Anonymous => Anonymous,
        Who.Owner => Owner,
        Who.OtherPatient => OtherPatient,
        Who.DoctorWithoutGrant => DoctorWithoutGrant,
        Who.DoctorWithGrant => DoctorWithGrant,
        Who.DoctorRevoked => DoctorRevoked,
        Who.DoctorExpired => DoctorExpired,
        _ => Admin,
    };

    /// <summary>Reading the owner's data: the owner and the doctor with an active grant; nobody else learns it exists.</summary>
    public static Matrix PatientData(int ok = 200) => new(401, ok, 404, 404, ok, 404, 404, 404);

    /// <summary>Changing the owner's data: the owner only; the granted doctor may see it but not change it.</summary>
    public static Matrix OwnerOnly(int ok) => new(401, ok, 404, 404, 403, 404, 404, 404);

    public static Matrix AnyUser(int ok = 200) => new(401, ok, ok, ok, ok, ok, ok, ok);

    public static Matrix Patients(int ok = 200) => new(401, ok, ok, 403, 403, 403, 403, 403);

    public static Matrix Doctors(int ok = 200) => new(401, 403, 403, ok, ok, ok, ok, 403);

    public static Matrix Admins(int ok = 200) => new(401, 403, 403, 403, 403, 403, 403, ok);
}
