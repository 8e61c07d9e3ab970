using System.CommandLine;
using Einthoven.Signal.Records;
using Spectre.Console;

namespace Einthoven.Cli;

/// <summary>Runs the command line and turns failures into a message on stderr and an exit code.</summary>
public static class CliRunner
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
        // FHIR's ECG Observation is a record format like the others, but it lives with Firely's SDK in Einthoven.Interop.
        Einthoven.Signal.Formats.RecordFiles.Register(new Einthoven.Interop.FhirObservationFormat());
        var config = new InvocationConfiguration { Output = stdout ?? System.Console.Out, Error = stderr ?? System.Console.Error, EnableDefaultExceptionHandler = false };
        var error = config.Error;
        try
        {
            return root.Parse(args).Invoke(config);
        }
        catch (Exception e) when (e is SignalFormatException or Einthoven.Learning.Serialization.ModelFormatException)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.NotFound;
        }
        catch (CliUsageException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (IOException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (HttpRequestException e)
        {
            error.WriteLine($"error: cannot reach the server: {e.Message}. Is it running, at the address given to `einthoven login --server`?");
            return ExitCodes.Failed;
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            error.WriteLine("error: the server did not answer in time; try again, or check that it is running");
            return ExitCodes.Failed;
        }
    }

    /// <summary>A console for rich output that writes to the command's output writer.</summary>
    public static IAnsiConsole Console(ParseResult result) =>
        AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(result.InvocationConfiguration.Output),
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
        });
}

/// <summary>Wrong use of a command that the parser cannot see (e.g. an option that makes no sense for the input).</summary>
public sealed class CliUsageException(string message) : Exception(message);
