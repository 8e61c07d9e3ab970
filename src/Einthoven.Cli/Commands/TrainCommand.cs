using System.CommandLine;

namespace Einthoven.Cli.Commands;

/// <summary><c>einthoven train MODEL ...</c>: one sub-command per model, each a thin wrapper over its library trainer.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var command = new Command("train", "Train a model from its public dataset and save the weights with a model card");
        command.Subcommands.Add(TrainBeatsCommand.Create());
        command.Subcommands.Add(TrainRhythmCommand.Create());
        command.Subcommands.Add(TrainRhythmRestingCommand.Create());
        command.Subcommands.Add(TrainTwelveLeadCommand.Create());
        command.Subcommands.Add(TrainPacemakerCommand.Create());
        return command;
    }
}
