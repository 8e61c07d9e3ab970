using System.CommandLine;
using Einthoven.Signal.Records;
using Spectre.Console;

namespace Einthoven.Cli;

/// <summary>
/// Runs the command line and turns failures into a message on stderr and an exit code. This file is shared with the
/// native front binary (src/Einthoven.Cli.Native), so it names nothing beyond the signal library; what only the full
/// CLI knows (FHIR records, model files) comes in through the partial methods of <c>CliRunner.Full.cs</c>.
/// </summary>
public static partial class CliRunner
{
    public static class ExitCodes
    {
        public const int Ok = 0;
        public const int Usage = 1;
        public const int BadInput = 2;
        public const int NotFound = 3;
        public const int Failed = 4;
    }

    public static int Run(RootCommand root, string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        RegisterFormats();
        var config = new InvocationConfiguration { Output = stdout ?? System.Console.Out, Error = stderr ?? System.Console.Error, EnableDefaultExceptionHandler = false };
        var error = config.Error;
        try
        {
            return root.Parse(args).Invoke(config);
        }
        catch (Exception e) when (ExitCodeOf(e) is { } code)
        {
            error.WriteLine($"error: {MessageOf(e)}");
            return code;
        }
    }

    /// <summary>The exit code for a failure the user can act on (bad input, a missing file, no server), or null for a bug.</summary>
    public static int? ExitCodeOf(Exception e) => e switch
    {
        SignalFormatException => ExitCodes.BadInput,
        _ when IsBadInput(e) => ExitCodes.BadInput,
        FileNotFoundException or DirectoryNotFoundException => ExitCodes.NotFound,
        CliUsageException => ExitCodes.Usage,
        IOException or HttpRequestException => ExitCodes.Failed,
        TaskCanceledException { InnerException: TimeoutException } => ExitCodes.Failed,
        _ => null,
    };

    /// <summary>What to tell the user about a failure that <see cref="ExitCodeOf"/> gives a code.</summary>
    public static string MessageOf(Exception e) => e switch
    {
        HttpRequestException => $"cannot reach the server: {e.Message}. Is it running, at the address given to `einthoven login --server`?",
        TaskCanceledException => "the server did not answer in time; try again, or check that it is running",
        _ => e.Message,
    };

    /// <summary>Record formats beyond the signal library's (the full CLI adds FHIR).</summary>
    static partial void RegisterFormats();

    /// <summary>Sets <paramref name="badInput"/> for a failure that the full CLI knows to be bad input (a model file).</summary>
    static partial void ClassifyBadInput(Exception e, ref bool badInput);

    private static bool IsBadInput(Exception e)
    {
        var badInput = false;
        ClassifyBadInput(e, ref badInput);
        return badInput;
    }

    /// <summary>A console for rich output that writes to the command's output writer.</summary>
    public static IAnsiConsole Console(ParseResult result) => ConsoleOn(result.InvocationConfiguration.Output);

    /// <summary>A console on the command's error writer: progress bars, so that the output stays the results alone.</summary>
    public static IAnsiConsole ErrorConsole(ParseResult result) => ConsoleOn(result.InvocationConfiguration.Error);

    private static IAnsiConsole ConsoleOn(TextWriter writer) =>
        AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
        });
}

/// <summary>Wrong use of a command that the parser cannot see (e.g. an option that makes no sense for the input).</summary>
public sealed class CliUsageException(string message) : Exception(message);
