using System.CommandLine;
using Einthoven.Cli;
using Einthoven.Cli.Commands;

// The commands this binary runs itself (those WFDB's C tools are run for, record by record); every other command,
// the full --help, and records in FHIR (whose format needs Firely's SDK) are the full CLI's.
var native = new RootCommand("einthoven: read, convert and analyse ECG records. Not a certified medical device.")
{
    DetectCommand.Create(),
    ConvertCommand.Create(),
};
var handled = args.Length > 0 && native.Subcommands.Any(c => c.Name == args[0]) && !args.Any(NamesFhir);
return handled ? CliRunner.Run(native, args) : FullCli.Run(args);

static bool NamesFhir(string arg) =>
    arg.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || arg.Equals("fhir", StringComparison.OrdinalIgnoreCase);
