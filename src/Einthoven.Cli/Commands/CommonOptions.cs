using System.CommandLine;
using Einthoven.Signal.Formats;

namespace Einthoven.Cli.Commands;

/// <summary>Arguments and options shared by the commands that read a record.</summary>
public static class CommonOptions
{
    public static Argument<string> Record() => new("record")
    {
        Description = "A WFDB record (path with or without .hea), an .edf file or a .csv file",
    };

    public static Option<string?> Format() => new("--format-in")
    {
        Description = $"Input format, when the extension does not tell ({string.Join(", ", RecordFiles.Formats.Select(f => f.Name))})",
    };

    public static Option<double?> SamplingRate() => new("--fs")
    {
        Description = "Sampling rate in Hz, for CSV input that does not state it",
    };

    public static Option<string?> Unit() => new("--unit")
    {
        Description = "Physical unit of CSV values (mV, uV, V), for CSV input that does not state it",
    };

    /// <summary>How to read the records: format, sampling rate and unit, for either group below.</summary>
    public abstract class ReadOptions
    {
        public Option<string?> FormatName { get; } = Format();
        public Option<double?> Fs { get; } = SamplingRate();
        public Option<string?> UnitName { get; } = Unit();

        protected void AddOptionsTo(Command command)
        {
            command.Options.Add(FormatName);
            command.Options.Add(Fs);
            command.Options.Add(UnitName);
        }

        public FormatOptions Options(ParseResult r) => new() { SamplingFrequency = r.GetValue(Fs), Unit = r.GetValue(UnitName) };

        public ISignalReader Open(ParseResult r, string path) => RecordFiles.Open(path, r.GetValue(FormatName), Options(r));

        public Einthoven.Signal.Records.EcgRecord Read(ParseResult r, string path) => RecordFiles.Read(path, r.GetValue(FormatName), Options(r));
    }

    /// <summary>The options above, added to <paramref name="command"/> as one group.</summary>
    public sealed class RecordInput : ReadOptions
    {
        public Argument<string> Path { get; } = Record();

        public RecordInput AddTo(Command command)
        {
            command.Arguments.Add(Path);
            AddOptionsTo(command);
            return this;
        }

        public ISignalReader Open(ParseResult r) => Open(r, r.GetValue(Path)!);

        public Einthoven.Signal.Records.EcgRecord Read(ParseResult r) => Read(r, r.GetValue(Path)!);
    }

    /// <summary>
    /// The record options for a command that takes many records (<see cref="Batch.RecordList"/>: records, directories,
    /// RECORDS lists), added to <paramref name="command"/> as one group.
    /// </summary>
    public sealed class RecordsInput : ReadOptions
    {
        public Argument<string[]> Paths { get; } = new("records")
        {
            Description = "Records (WFDB path with or without .hea, .edf, .csv, ...), directories of records, or RECORDS lists",
            Arity = ArgumentArity.OneOrMore,
        };

        public RecordsInput AddTo(Command command)
        {
            command.Arguments.Add(Paths);
            AddOptionsTo(command);
            return this;
        }

        /// <summary>Every record the arguments name, in order.</summary>
        public IReadOnlyList<string> Records(ParseResult r) => Batch.RecordList.Expand(r.GetValue(Paths)!);
    }
}
