using System.CommandLine;
using Einthoven.Cli;
using Einthoven.Cli.Commands;

namespace Einthoven.Server.Tests.Hosting;

/// <summary>The local <c>einthoven</c> commands (info, annotations, analyze, train, ...) run in-process, as a user runs them.</summary>
public static class LocalCli
{
    /// <summary>Runs the command and returns its standard output; the test fails with its standard error when it exits non-zero.</summary>
    public static string Run(params string[] args)
    {
        var root = new RootCommand("test");
        foreach (var command in CommandList.All()) root.Subcommands.Add(command);
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.True(CliRunner.Run(root, args, output, error) == 0, $"einthoven {string.Join(' ', args)}: {error}");
        return output.ToString();
    }
}
