using System.CommandLine;

namespace Einthoven.Cli.Commands;

/// <summary><c>einthoven eval ...</c>: the SPEC's fixed evaluation protocols, one sub-command each.</summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var command = new Command("eval", "Run a fixed evaluation protocol (see SPEC.md) over a database");
        command.Subcommands.Add(EvalQrsCommand.Create());
        command.Subcommands.Add(EvalNoiseCommand.Create());
        command.Subcommands.Add(EvalDelineationCommand.Create());
        command.Subcommands.Add(EvalPacingCommand.Create());
        command.Subcommands.Add(EvalPacemakerCommand.Create());
        command.Subcommands.Add(EvalMeasurementsCommand.Create());
        command.Subcommands.Add(EvalBeatsCommand.Create());
        command.Subcommands.Add(EvalRhythmCommand.Create());
        command.Subcommands.Add(EvalTwelveLeadCommand.Create());
        command.Subcommands.Add(EvalAlertsCommand.Create());
        command.Subcommands.Add(EvalDigitizeCommand.Create());
        return command;
    }
}
