using Einthoven.Server;

// The platform server (SPEC C5): `dotnet run --project src/Einthoven.Server`. Settings: appsettings.json, section "Einthoven".
var builder = WebApplication.CreateBuilder(args);
builder.AddEinthoven();
var app = builder.Build();
await app.UseEinthovenAsync();
await app.RunAsync();

public partial class Program;
