using System.CommandLine;
using Einthoven.Cli;
using Einthoven.Cli.Commands;

var root = new RootCommand("einthoven: read, convert and analyse ECG records. Not a certified medical device.");
foreach (var command in CommandList.All()) root.Subcommands.Add(command);
return CliRunner.Run(root, args);
