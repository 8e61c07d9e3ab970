using Einthoven.Evaluation.Qrs;
using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Records;

namespace Einthoven.Evaluation.Tests.Qrs;

public class QrsProtocolTests
{
    [Fact]
    public void The_protocol_takes_beat_symbols_only_and_flutter_episodes_from_brackets()
    {
        Annotation[] annotations =
        [
            Annotation.FromSymbol(10, "+", "(N"), Annotation.FromSymbol(100, "N"), Annotation.FromSymbol(200, "~"),
            Annotation.FromSymbol(300, "V"), Annotation.FromSymbol(350, "x"), Annotation.FromSymbol(400, "["),
            Annotation.FromSymbol(450, "!"), Annotation.FromSymbol(500, "]"), Annotation.FromSymbol(600, "/"),
            Annotation.FromSymbol(700, "["), Annotation.FromSymbol(800, "Q"),
        ];
        Assert.Equal([100L, 300, 600, 800], QrsProtocol.ReferenceBeats(annotations));
        Assert.Equal([new SampleRange(400, 500), new SampleRange(700, long.MaxValue)], QrsProtocol.FlutterEpisodes(annotations));
        // 800 lies in the open episode: it neither counts as missed nor does a detection there count as false.
        var score = QrsProtocol.Evaluate(annotations, [101, 299, 450, 601, 790], 360).Score;
        Assert.Equal(new DetectionScore(3, 0, 0), score);
    }
}
