using System.CommandLine;
using Einthoven.Models.Onnx;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary>
/// <c>einthoven export onnx --model beats|rhythm -o FILE.onnx</c>: a shipped model as an ONNX model (IR 8, opset 17)
/// that ONNX Runtime runs with the engine's probabilities; for a model reading a 12-lead-like input, also its manifest
/// (FILE.manifest.json) so that an admin can register it on a server.
/// </summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var export = new Command("export", "Export a shipped model in an interchange format");
        var onnx = new Command("onnx", "Write a shipped model as ONNX (and its manifest, for a 12-lead model), to run in ONNX Runtime or register on a server");
        var names = string.Join("|", ShippedOnnxModels.All.Select(m => m.Name));
        var model = new Option<string>("--model") { Description = $"The shipped model: {names}", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "The .onnx file to write", Required = true };
        onnx.Options.Add(model);
        onnx.Options.Add(output);
        onnx.SetAction(r =>
        {
            var console = CliRunner.Console(r);
            var name = r.GetValue(model)!;
            var shipped = ShippedOnnxModels.All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new CliUsageException($"--model: no shipped model '{name}' exports to ONNX ({names})");
            var path = Path.GetFullPath(r.GetValue(output)!);
            var result = shipped.Export();
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, result.Model);
            console.MarkupLine($"wrote {Markup.Escape(path)} ({result.Model.Length:N0} bytes): {Markup.Escape(shipped.Inputs)}");
            if (result.Manifest is { } manifest)
            {
                var manifestPath = Path.ChangeExtension(path, ".manifest.json");
                File.WriteAllText(manifestPath, manifest.ToJson());
                console.MarkupLine($"wrote {Markup.Escape(manifestPath)}: register both with POST /api/admin/classifiers/onnx");
            }
            return CliRunner.ExitCodes.Ok;
        });
        export.Subcommands.Add(onnx);
        return export;
    }
}
