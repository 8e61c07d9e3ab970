using Einthoven.Server;
using Einthoven.Server.Web;

// The platform server (SPEC C5): `dotnet run --project src/Einthoven.Server`. Settings: appsettings.json, section "Einthoven".
var builder = WebApplication.CreateBuilder(HostPaths.Options(args));
// After `dotnet build`/`dotnet run` the web UI's files stay in the project's wwwroot, listed in a manifest next to the
// assembly; this serves them in every environment (a published server has them in its own wwwroot and no manifest).
builder.WebHost.UseStaticWebAssets();
builder.AddEinthoven();
var app = builder.Build();
await app.UseEinthovenAsync();
await app.RunAsync();

public partial class Program;
