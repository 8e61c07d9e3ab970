using Einthoven.Models.TwelveLead;
using Einthoven.Signal.Records;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Einthoven.Models.Onnx;

/// <summary>
/// A 12-lead classifier served from any ONNX model that an <see cref="OnnxManifest"/> describes, through ONNX Runtime
/// (one session per model, one intra-op thread). The constructor checks the manifest against the model's inputs,
/// outputs and metadata and runs one inference on zeros, so a model that cannot serve fails at registration with an
/// <see cref="OnnxModelException"/> naming what is wrong, never at prediction time. Safe to use from several threads.
/// </summary>
public sealed class OnnxTwelveLeadClassifier : ITwelveLeadClassifier, IDisposable
{
    /// <summary>The model metadata key our exporter fills with the class codes, comma-separated, which the manifest must then list in that order.</summary>
    public const string ClassesMetadataKey = "classes";

    private readonly InferenceSession session;
    private readonly string inputName, outputName;

    public OnnxTwelveLeadClassifier(byte[] model, OnnxManifest manifest)
    {
        Manifest = manifest;
        Model = new Analysis.ModelVersion(manifest.Name, $"{manifest.Version}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(model))[..8]}");
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        try
        {
            session = new InferenceSession(model, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new OnnxModelException([$"the model is not an ONNX model ONNX Runtime can load: {FirstLine(e.Message)}"]);
        }
        try
        {
            (inputName, outputName) = Check(session, manifest);
            var zeros = Run(new float[manifest.Leads.Count * manifest.Length]);
            if (zeros.Any(v => !float.IsFinite(v))) throw new OnnxModelException(["the model gives non-finite outputs on a flat signal"]);
        }
        catch (OnnxRuntimeException e)
        {
            session.Dispose();
            throw new OnnxModelException([$"the model fails on a flat signal of the manifest's shape [1, {manifest.Leads.Count}, {manifest.Length}]: {FirstLine(e.Message)}"]);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public OnnxManifest Manifest { get; }
    public string Version => $"{Manifest.Name}-{Manifest.Version}";
    public Analysis.ModelVersion Model { get; }
    public double WindowSeconds => Manifest.Length / Manifest.RateHz;
    public IReadOnlyList<string> Classes => Manifest.ClassCodes;
    public IReadOnlyList<double> Thresholds => Manifest.Thresholds;

    public TwelveLeadPrediction Classify(EcgRecord record)
    {
        var signal = TwelveLeadInput.Prepare(record, Manifest.Leads, Manifest.RateHz, Manifest.Length);
        var probabilities = Probabilities(signal.Values);
        var statements = Manifest.Classes.Select((c, k) =>
            new StatementProbability(c.Code, c.Description, probabilities[k], Manifest.Thresholds[k], probabilities[k] >= Manifest.Thresholds[k])).ToArray();
        return new TwelveLeadPrediction(Version, statements, signal.DerivedLeads);
    }

    /// <summary>The class probabilities (after the manifest's normalisation and activation) of one input [leads, length] in mV.</summary>
    public double[] Probabilities(float[] millivolts)
    {
        var raw = Run(Normalise(millivolts));
        var result = raw.Select(v => (double)v).ToArray();
        switch (Manifest.Activation)
        {
            case OnnxManifest.Sigmoid:
                for (var i = 0; i < result.Length; i++) result[i] = 1 / (1 + Math.Exp(-result[i]));
                break;
            case OnnxManifest.Softmax:
                var max = result.Max();
                var sum = 0.0;
                for (var i = 0; i < result.Length; i++) sum += result[i] = Math.Exp(result[i] - max);
                for (var i = 0; i < result.Length; i++) result[i] /= sum;
                break;
        }
        return result;
    }

    public void Dispose() => session.Dispose();

    private float[] Normalise(float[] values)
    {
        var n = Manifest.Normalisation;
        if (n.Kind == OnnxNormalisation.None) return values;
        var length = Manifest.Length;
        var result = new float[values.Length];
        for (var l = 0; l < Manifest.Leads.Count; l++)
        {
            var lead = values.AsSpan(l * length, length);
            double mean, std;
            if (n.Kind == OnnxNormalisation.Fixed) (mean, std) = (n.Mean![l], n.Std![l]);
            else
            {
                mean = 0;
                foreach (var v in lead) mean += v;
                mean /= length;
                var variance = 0.0;
                foreach (var v in lead) variance += (v - mean) * (v - mean);
                std = Math.Sqrt(variance / length);
                if (std < 1e-6) std = 1; // a flat lead stays flat rather than blowing up
            }
            for (var i = 0; i < length; i++) result[l * length + i] = (float)((lead[i] - mean) / std);
        }
        return result;
    }

    private float[] Run(float[] input)
    {
        using var tensor = OrtValue.CreateTensorValueFromMemory(input, [1, Manifest.Leads.Count, Manifest.Length]);
        using var results = session.Run(new RunOptions(), [inputName], [tensor], [outputName]);
        var output = results[0];
        var shape = output.GetTensorTypeAndShape().Shape;
        var values = output.GetTensorDataAsSpan<float>().ToArray();
        if (values.Length != Manifest.Classes.Count)
            throw new OnnxModelException([$"the model's output '{outputName}' has shape [{string.Join(", ", shape)}]: {values.Length} values for the manifest's {Manifest.Classes.Count} classes"]);
        return values;
    }

    private static (string Input, string Output) Check(InferenceSession session, OnnxManifest manifest)
    {
        var errors = new List<string>();
        var inputs = session.InputMetadata;
        string input;
        if (manifest.InputName is not null)
        {
            input = manifest.InputName;
            if (!inputs.ContainsKey(input)) errors.Add($"input.name: the model has no input '{input}' (it has {string.Join(", ", inputs.Keys)})");
        }
        else input = inputs.Keys.First();
        if (inputs.Count > 1)
            errors.Add($"the model takes {inputs.Count} inputs ({string.Join(", ", inputs.Keys)}); a registered model reads the signal [N, leads, length] alone");
        if (inputs.TryGetValue(input, out var meta))
        {
            var d = meta.Dimensions;
            if (meta.ElementType != typeof(float)) errors.Add($"the model's input '{input}' is {meta.ElementType.Name}, not float32");
            if (d.Length != 3) errors.Add($"the model's input '{input}' has rank {d.Length} ([{string.Join(", ", d)}]); it must be [N, leads, length]");
            else
            {
                if (d[0] > 1) errors.Add($"the model's input '{input}' has a fixed batch of {d[0]}; it must be dynamic or 1");
                if (d[1] > 0 && d[1] != manifest.Leads.Count)
                    errors.Add($"input.leads: the manifest lists {manifest.Leads.Count} leads but the model's input '{input}' takes {d[1]} (dimension 1)");
                if (d[2] > 0 && d[2] != manifest.Length)
                    errors.Add($"input.length: the manifest says {manifest.Length} samples but the model's input '{input}' takes {d[2]} (dimension 2)");
            }
        }
        var outputs = session.OutputMetadata;
        var output = manifest.OutputName ?? outputs.Keys.First();
        if (!outputs.TryGetValue(output, out var outMeta)) errors.Add($"output.name: the model has no output '{output}' (it has {string.Join(", ", outputs.Keys)})");
        else
        {
            var d = outMeta.Dimensions;
            if (outMeta.ElementType != typeof(float)) errors.Add($"the model's output '{output}' is {outMeta.ElementType.Name}, not float32");
            if (d.Length != 2) errors.Add($"the model's output '{output}' has rank {d.Length}; it must be [N, classes]");
            else if (d[1] > 0 && d[1] != manifest.Classes.Count)
                errors.Add($"output.classes: the manifest lists {manifest.Classes.Count} classes but the model's output '{output}' has {d[1]}");
        }
        if (session.ModelMetadata.CustomMetadataMap.TryGetValue(ClassesMetadataKey, out var declared))
        {
            var codes = declared.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (var c in manifest.ClassCodes.Where(c => !codes.Contains(c)))
                errors.Add($"output.classes: unknown class '{c}': the model declares its classes as {declared}");
            if (errors.Count == 0 && !codes.SequenceEqual(manifest.ClassCodes))
                errors.Add($"output.classes: the manifest's order ({string.Join(",", manifest.ClassCodes)}) differs from the model's ({declared})");
        }
        if (errors.Count > 0) throw new OnnxModelException(errors);
        return (input, output);
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
