using System.CommandLine;
using Einthoven.Cli.Commands;

namespace Einthoven.Cli.Tests;

/// <summary>Runs the real <c>einthoven</c> command tree in-process and captures its output and exit code.</summary>
internal static class CliHarness
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var root = new RootCommand("einthoven");
        foreach (var c in CommandList.All()) root.Subcommands.Add(c);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliRunner.Run(root, args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
