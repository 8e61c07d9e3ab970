using System.CommandLine;
using Einthoven.Cli;
using Einthoven.Cli.Commands;

// The commands this binary runs itself; every other command (and the full --help) is the full CLI's.
var native = new RootCommand("einthoven: read, convert and analyse ECG records. Not a certified medical device.") { DetectCommand.Create() };
return args.Length > 0 && native.Subcommands.Any(c => c.Name == args[0])
    ? CliRunner.Run(native, args)
    : FullCli.Run(args);
