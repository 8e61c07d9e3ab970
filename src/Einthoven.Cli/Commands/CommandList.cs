using System.CommandLine;

namespace Einthoven.Cli.Commands;

/// <summary>Every sub-command of <c>einthoven</c>, one line each.</summary>
public static class CommandList
{
    public static IEnumerable<Command> All() =>
    [
        InfoCommand.Create(),
        ConvertCommand.Create(),
        DigitizeCommand.Create(),
        AnnotationsCommand.Create(),
        DetectCommand.Create(),
        ClassifyCommand.Create(),
        ClassifyTwelveLeadCommand.Create(),
        EvalCommand.Create(),
        AnalyzeCommand.Create(),
        PlotCommand.Create(),
        LoginCommand.Create(),
        UploadCommand.Create(),
        RecordingsCommand.Create(),
        DownloadCommand.Create(),
        RhythmCommand.Create(),
        TrainCommand.Create(),
        SimulateCommand.Create(),
        ExportCommand.Create(),
    ];
}
