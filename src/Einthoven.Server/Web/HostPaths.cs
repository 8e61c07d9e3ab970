using Microsoft.AspNetCore.Hosting;

namespace Einthoven.Server.Web;

/// <summary>
/// Where the server finds appsettings.json and wwwroot: the folder of its own assembly, unless a content root is
/// configured (--contentRoot, ASPNETCORE_CONTENTROOT, DOTNET_CONTENTROOT). The default of the working directory made
/// a published server started from any other folder answer 500 for its pages.
/// </summary>
public static class HostPaths
{
    public static WebApplicationOptions Options(string[] args)
    {
        var configured = new ConfigurationBuilder().AddEnvironmentVariables("DOTNET_").AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args).Build()[WebHostDefaults.ContentRootKey];
        return new WebApplicationOptions { Args = args, ContentRootPath = string.IsNullOrEmpty(configured) ? AppContext.BaseDirectory : null };
    }
}
