using Einthoven.Server.Tests.Hosting;

namespace Einthoven.Server.Tests;

/// <summary>The risk questionnaire (issue 27): a published formula over what the caller sends, open to everyone, storing nothing.</summary>
public abstract partial class AuthorizationMatrixTests
{
    [ProviderFact]
    [Covers("POST /api/risk/score2")]
    public Task Risk_questionnaire_is_open_to_everyone() =>
        Check(HttpMethod.Post, _ => "/api/risk/score2", new Matrix(200, 200, 200, 200, 200, 200, 200, 200),
            (_, body) => Assert.Contains("\"model\":\"SCORE2\"", body), body: RiskEndpointTests.Answers());
}
