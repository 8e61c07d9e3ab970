namespace Einthoven.Server.Verification;

/// <summary>The verification API (issue 25): assignments (admins), pushing and reading a recording's verification, the cardiologists' queue and sets.</summary>
public static class VerificationApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        AssignmentEndpoints.Map(app);
        RecordingVerificationEndpoints.Map(app);
        QueueEndpoint.Map(app);
        VerificationSetEndpoints.Map(app);
    }
}
