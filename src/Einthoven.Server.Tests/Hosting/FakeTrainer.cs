using System.Globalization;
using Einthoven.Learning.Serialization;
using Einthoven.TestSupport;

namespace Einthoven.Server.Tests.Hosting;

/// <summary>
/// A stand-in for <c>einthoven train beats --with-verified</c> in the runner's own tests (the end-to-end test runs the
/// real CLI): a shell script that checks the dataset folder it is given, notes its command line and its nice value,
/// and then, by <see cref="Mode"/>, writes a challenger with a report, fails, dies by a signal or hangs.
/// </summary>
public sealed class FakeTrainer
{
    public enum Mode { Promote, Reject, PromoteWithinMargin, Fail, Die, Hang }

    private FakeTrainer(string folder) => Folder = folder;

    public string Folder { get; }
    public string Script => Path.Combine(Folder, "trainer.sh");
    /// <summary>The arguments of the last run, one per line.</summary>
    public string[] Arguments => File.ReadAllLines(Path.Combine(Folder, "args.txt"));
    /// <summary>The nice value the last run had.</summary>
    public int Nice => int.Parse(File.ReadAllText(Path.Combine(Folder, "nice.txt")).Trim(), CultureInfo.InvariantCulture);
    public string ChallengerSha { get; private set; } = "";

    public static FakeTrainer Create()
    {
        var trainer = new FakeTrainer(TestData.TempDir());
        var card = TestModels.Challenger(Path.Combine(trainer.Folder, "challenger"));
        trainer.ChallengerSha = ModelCard.Load(card).WeightsSha256;
        trainer.Use(Mode.Promote);
        return trainer;
    }

    /// <summary>Rewrites the script for the next run.</summary>
    public void Use(Mode mode)
    {
        var (champion, challenger, lo, hi, required, promote) = mode switch
        {
            Mode.Reject => (0.80, 0.79, -0.03, 0.01, 0.02, false),
            Mode.PromoteWithinMargin => (0.80, 0.81, -0.02, 0.04, 0.001, true),
            _ => (0.70, 0.80, 0.06, 0.14, 0.04, true),
        };
        var action = mode switch
        {
            Mode.Fail => "echo 'error: the trainer broke' >&2; exit 3",
            Mode.Die => "cp \"$here/challenger/\"* \"$out/\"; echo 'dying' >&2; kill -9 $$",
            Mode.Hang => "sleep 30",
            _ => $$$"""
                cp "$here/challenger/"* "$out/"
                sha=$(sed -n 's/.*"weights_sha256": *"\([0-9a-f]*\)".*/\1/p' "$champion")
                printf '{"dataset":"%s","metric":"mean_f1_nsv","margin":"ci","holdout":{"records":["100","200"],"beats":4321},' "$(basename "$dataset")" > "$report"
                printf '"champion":{"weights_sha256":"%s","value":{{{F(champion)}}},"f1":{"N":0.9,"S":0.5,"V":0.7}},' "$sha" >> "$report"
                printf '"challenger":{"weights_sha256":"{{{ChallengerSha}}}","value":{{{F(challenger)}}},"f1":{"N":0.91,"S":0.6,"V":0.8},"card":"beats.card.json"},' >> "$report"
                printf '"difference":{{{F(challenger - champion)}}},"ci95":[{{{F(lo)}}},{{{F(hi)}}}],"required":{{{F(required)}}},"promote":{{{(promote ? "true" : "false")}}},"reason":"fake","training_seconds":1.5,"standard_beats":1000,"verified_beats":%s}' "$(($(wc -l < "$dataset/beats.csv") - 1))" >> "$report"
                echo 'trained' >&2
                """,
        };
        File.WriteAllText(Script, $$"""
            #!/bin/sh
            here="{{Folder}}"
            printf '%s\n' "$@" > "$here/args.txt"
            cut -d' ' -f19 /proc/$$/stat > "$here/nice.txt"
            out=""; report=""; champion=""; dataset=""
            while [ $# -gt 0 ]; do
              case "$1" in
                -o) out="$2"; shift;;
                --report) report="$2"; shift;;
                --champion) champion="$2"; shift;;
                --with-verified) dataset="$2"; shift;;
              esac
              shift
            done
            test -f "$dataset/manifest.json" || { echo "no manifest in $dataset" >&2; exit 9; }
            test -f "$champion" || { echo "no champion card" >&2; exit 9; }
            {{action}}
            """.Replace("\r\n", "\n"));
        File.SetUnixFileMode(Script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
