// The platform server (SPEC C5). Accounts, storage, analysis and the web UI arrive with issue 5 and 6;
// for now it serves its health and the version of the signal library it is built on.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/health", () => Results.Ok(new { status = "ok" }));

app.Run();

public partial class Program;
