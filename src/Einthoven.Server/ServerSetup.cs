using Einthoven.Models.Analysis;
using Einthoven.Server.Accounts;
using Einthoven.Server.Admin;
using Einthoven.Server.Analysis;
using Einthoven.Server.Api;
using Einthoven.Server.Audit;
using Einthoven.Server.ContinuousLearning;
using Einthoven.Server.Demo;
using Einthoven.Server.Live;
using Einthoven.Server.Live.Bus;
using Einthoven.Server.Monitoring;
using Einthoven.Server.Recordings;
using Einthoven.Server.Sharing;
using Einthoven.Server.Storage;
using Einthoven.Server.Storage.AtRest;
using Einthoven.Server.Viewer;
using Einthoven.Server.Web;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Einthoven.Server;

/// <summary>The answer of the public /health.</summary>
public sealed record LivenessView(string Status);

/// <summary>Service registration and the request pipeline, kept out of Program.cs so that tests and benches share them.</summary>
public static class ServerSetup
{
    public static ServerOptions AddEinthoven(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(ServerOptions.Section);
        var options = section.Get<ServerOptions>() ?? new ServerOptions();
        FileModes.CreatePrivately();
        FileModes.PrivateFolder(options.DataFolder);
        var services = builder.Services;
        services.Configure<ServerOptions>(section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.AddAtRestProtection(options);
        services.AddEinthovenDatabase(options);
        AddAccounts(services, options.Lockout);
        services.AddEinthovenRateLimits(options);
        services.Configure<FormOptions>(f => f.MultipartBodyLengthLimit = options.MaxUploadBytes);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxUploadBytes + 1024 * 1024);

        services.AddSingleton<SampleCache>();
        services.AddSingleton<JobSignal>();
        services.AddSingleton<KeyHasher>();
        services.TryAddSingleton(_ => ModelAnalyzer.Shipped);
        services.TryAddSingleton<IRecordingAnalyzer, ModelRecordingAnalyzer>();
        services.AddScoped<TokenService>();
        services.AddScoped<PasswordCheck>();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<PatientAccess>();
        services.AddScoped<AuditLog>();
        services.AddSingleton<AuditThrottle>();
        services.AddScoped<JobQueue>();
        services.AddScoped<RecordingImporter>();
        services.AddScoped<AnalysisResultWriter>();
        services.AddScoped<WindowQuery>();
        services.AddScoped<DemoSeeder>();
        services.AddHttpClient<Pacs.DicomWebClient>();
        Fhir.FhirEndpoints.Add(services);
        // FHIR's ECG Observation as a record format (uploads, downloads), from Einthoven.Interop like the /fhir API.
        Einthoven.Signal.Formats.RecordFiles.Register(new Einthoven.Interop.FhirObservationFormat());
        services.AddScoped<Booking.BookingNotices>(); // needs an INotificationQueue (Notifications/)
        services.AddContinuousLearning(options);
        services.AddSingleton(Localization.Texts.Shared);
        services.AddSingleton<Models.TwelveLead.ITwelveLeadClassifier>(sp => sp.GetRequiredService<ModelAnalyzer>().TwelveLead ?? Models.TwelveLead.TwelveLeadClassifier.LoadShipped());
        services.AddSingleton(sp => new Classification.ClassifierCatalog(sp.GetServices<Models.TwelveLead.ITwelveLeadClassifier>(), options,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<Classification.ClassifierCatalog>>()));
        AddLive(services, options.Live);
        Notifications.NotificationSetup.AddNotifications(services, options);
        services.AddSingleton<AnalysisWorker>();
        if (options.Analysis.RunWorker) services.AddHostedService(sp => sp.GetRequiredService<AnalysisWorker>());
        OpenApi.Add(services);
        return options;
    }

    private static void AddLive(IServiceCollection services, LiveOptions live)
    {
        services.AddSingleton<InProcessLiveFeed>();
        if (live.UsesRabbitMq) AddRabbitMq(services, live);
        services.TryAddSingleton<ILiveFeed>(sp => sp.GetRequiredService<InProcessLiveFeed>());
        services.AddSingleton<LiveSessions>();
        services.AddSingleton<LiveStreamCloser>();
        services.AddSingleton<FrameLog>();
        services.AddHostedService(sp => sp.GetRequiredService<FrameLog>());
        services.AddSingleton<LiveStreamSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveStreamSweeper>());
        services.AddSignalR();
        services.TryAddSingleton(_ => Einthoven.Monitoring.MonitorModels.LoadShipped());
        services.AddSingleton<LiveWatchers>();
        services.TryAddSingleton<ILiveBroadcast, HubBroadcast>();
        services.AddSingleton<AlertRecorder>();
        services.AddSingleton<LiveAnalysis>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveAnalysis>());
    }

    /// <summary>The scale-out profile (docs/LIVE.md): frames, alerts and samples between processes through RabbitMQ.</summary>
    private static void AddRabbitMq(IServiceCollection services, LiveOptions live)
    {
        var uri = live.RabbitMqUri ?? throw new InvalidOperationException("Einthoven:Live:RabbitMqUri is required when Einthoven:Live:Bus is RabbitMQ");
        services.AddSingleton(_ => RabbitMqBus.ConnectAsync(uri, live.Partitions, $"einthoven-{Environment.MachineName}-{Environment.ProcessId}", CancellationToken.None)
            .GetAwaiter().GetResult());
        services.AddSingleton<RabbitLiveFeed>();
        services.AddSingleton<ILiveFeed>(sp => sp.GetRequiredService<RabbitLiveFeed>());
        services.AddHostedService(sp => sp.GetRequiredService<RabbitLiveFeed>());
        services.AddSingleton<RabbitBroadcast>();
        services.AddSingleton<ILiveBroadcast>(sp => sp.GetRequiredService<RabbitBroadcast>());
        services.AddHostedService(sp => sp.GetRequiredService<RabbitBroadcast>());
        services.AddHostedService<RabbitFrameConsumer>();
    }

    private static void AddAccounts(IServiceCollection services, LockoutOptions lockout)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = "cookie-or-bearer";
                o.DefaultChallengeScheme = "cookie-or-bearer";
            })
            .AddPolicyScheme("cookie-or-bearer", "Session cookie or personal access token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? BearerTokenHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null)
            .AddIdentityCookies();
        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                // Failures are counted per address by SignInThrottle, which locks the account itself (docs/SECURITY.md).
                o.Lockout.DefaultLockoutTimeSpan = lockout.Duration;
                o.Lockout.AllowedForNewUsers = true;
                o.Stores.ProtectPersonalData = true;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<AppDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "einthoven";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // https directly or through a known proxy (Api/Proxies)
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            // An API answers with status codes, not redirects to a login page.
            o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = 401; return Task.CompletedTask; };
            o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = 403; return Task.CompletedTask; };
            o.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
        });
        services.AddSingleton<SessionStore>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<SessionStore>((o, store) => o.SessionStore = store);
        services.AddAuthorization();
    }

    public static async Task UseEinthovenAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ServerOptions>>().Value;
        Proxies.UseForwardedHeaders(app, options.ForwardedHeaders);
        SecurityHeaders.Use(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        WebUi.UseStaticFiles(app);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        app.UseAuthentication();
        SameOrigin.Use(app);
        TokenScopes.Use(app);
        app.UseAuthorization();
        app.UseRateLimiter();
        OpenApi.Use(app);

        WebUi.Map(app);
        app.MapGet("/health", () => Results.Ok(new LivenessView("ok"))).WithTags("Service").Produces<LivenessView>()
            .WithSummary("Whether this server process is up (always \"ok\"; /api/admin/health says whether it can work)");
        AuthEndpoints.Map(app);
        TokenEndpoints.Map(app);
        Pacemaker.PredictEndpoints.Map(app);
        Risk.RiskEndpoints.Map(app);
        UploadEndpoint.Map(app);
        Recordings.Digitized.DigitizeEndpoints.Map(app);
        RecordingEndpoints.Map(app);
        DownloadEndpoint.Map(app);
        WindowEndpoint.Map(app);
        AnalysisEndpoints.Map(app);
        BeatClassesEndpoint.Map(app);
        AccessKeyEndpoints.Map(app);
        GrantEndpoints.Map(app);
        AuditEndpoints.Map(app);
        AdminEndpoints.Map(app);
        DeviceEndpoints.Map(app);
        IngestEndpoint.Map(app);
        OrganisationEndpoints.Map(app);
        EnrolmentEndpoints.Map(app);
        MonitoringEndpoints.Map(app);
        DispatchEndpoints.Map(app);
        LearningSetup.Map(app);
        Classification.ClassifierEndpoints.Map(app);
        Classification.ClassifyEndpoint.Map(app);
        Localization.TextEndpoints.Map(app);
        Verification.VerificationApi.Map(app);
        Clinics.DirectoryEndpoints.Map(app);
        Clinics.ClinicAdminEndpoints.Map(app);
        Booking.BookingEndpoints.Map(app);
        Booking.BookingRecordingEndpoints.Map(app);
        Conclusions.ConclusionEndpoints.Map(app);
        Pacs.PacsEndpoints.Map(app);
        Fhir.FhirEndpoints.Map(app);
        app.MapHub<LiveHub>(LiveHub.Path);
        Notifications.NotificationSetup.Map(app);
        app.Services.GetRequiredService<InProcessLiveFeed>().Subscribe(app.Services.GetRequiredService<LiveAnalysis>());

        await DatabaseSetup.MigrateAsync(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        await AtRestUpgrade.EncryptLegacyAccountsAsync(scope.ServiceProvider.GetRequiredService<AppDb>(), app.Services.GetRequiredService<LookupKeyRing>(), app.Lifetime.ApplicationStopping);
        // Uploads cut off by a stopped server: their temporary files and the recordings they left importing.
        UploadFolder.Sweep(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ServerOptions>>().Value.DataFolder);
        await RecordingImporter.SweepAsync(scope.ServiceProvider.GetRequiredService<AppDb>(), app.Lifetime.ApplicationStopping);
        await LearningSetup.StartAsync(app.Services, options.DataFolder, app.Lifetime.ApplicationStopping);
        app.Services.GetRequiredService<Classification.ClassifierCatalog>(); // the stored ONNX models load (or are logged as unloadable) at start-up
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.NewGuid() });
        if (options.SeedDemo)
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(Console.Out, app.Lifetime.ApplicationStopping);
    }
}
