using System.CommandLine;

namespace Einthoven.Cli.Commands;

/// <summary><c>einthoven eval MODEL ...</c>: evaluates a shipped model on its fixed test protocol.</summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var command = new Command("eval", "Evaluate a model (the shipped weights by default) on its SPEC protocol");
        command.Subcommands.Add(EvalBeatsCommand.Create());
        return command;
    }
}
