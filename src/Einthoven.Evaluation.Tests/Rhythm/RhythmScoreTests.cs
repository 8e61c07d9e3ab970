using Einthoven.Evaluation.Rhythm;
using Einthoven.Models.Rhythm;

namespace Einthoven.Evaluation.Tests.Rhythm;

public class RhythmScoreTests
{
    [Fact]
    public void F1_follows_the_challenge_definition()
    {
        // reference N N N A A O O ~ ; predicted N N A A O O N ~
        var score = RhythmScore.Of([0, 0, 0, 1, 1, 2, 2, 3], [0, 0, 1, 1, 2, 2, 0, 3]);
        Assert.Equal(2.0 * 2 / (3 + 3), score.F1(0), 12);
        Assert.Equal(2.0 * 1 / (2 + 2), score.F1(1), 12);
        Assert.Equal(2.0 * 1 / (2 + 2), score.F1(2), 12);
        Assert.Equal(1, score.F1(3), 12);
        Assert.Equal((2.0 / 3 + 0.5 + 0.5) / 3, score.Score, 12);
        Assert.Equal(8, score.Total);
        Assert.Equal(1, score[2, 0]);
    }

    [Fact]
    public void Noisy_class_does_not_enter_the_score_and_absent_classes_score_zero()
    {
        var perfect = RhythmScore.Of([0, 1, 2, 3], [0, 1, 2, 0]);
        Assert.Equal(0, perfect.F1(3));
        Assert.Equal((2.0 / 3 + 1 + 1) / 3, perfect.Score, 12);
        Assert.Equal(0, new RhythmScore().Score);
    }

    [Fact]
    public void Mismatched_lengths_are_rejected() =>
        Assert.Throws<ArgumentException>(() => RhythmScore.Of([0, 1], [0]));
}
