using Microsoft.OpenApi;

namespace Einthoven.Server.Api;

/// <summary>The OpenAPI document at /docs/v1/openapi.json and its browsable UI at /docs.</summary>
public static class OpenApi
{
    public static void Add(IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Einthoven API", Version = "v1",
                Description = "Open ECG platform. Authenticate with the session cookie (POST /api/auth/login) or a personal access token " +
                              "(Authorization: Bearer eth_...). Errors are RFC 7807 problem details. " + Disclaimer.Text,
            });
            o.AddSecurityDefinition("bearer", new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "Personal access token" });
        });
    }

    public static void Use(WebApplication app)
    {
        app.UseSwagger(o => o.RouteTemplate = "docs/{documentName}/openapi.json");
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "docs";
            o.SwaggerEndpoint("/docs/v1/openapi.json", "Einthoven API v1");
            o.DocumentTitle = "Einthoven API";
        });
    }
}
