using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Tests.Analysis.Detection;

public class BeatMatchingTests
{
    [Fact]
    public void Detections_within_the_window_match_and_the_rest_are_errors()
    {
        long[] reference = [100, 400, 700, 1000];
        long[] detected = [104, 460, 700, 850];
        var match = BeatMatching.Match(reference, detected, window: 54);
        Assert.Equal([(0, 0), (2, 2)], match.Pairs);
        Assert.Equal([1, 3], match.Missed);
        Assert.Equal([1, 3], match.FalseDetections);
        Assert.Equal(new DetectionScore(2, 2, 2), match.Score);
        Assert.Equal(0.5, match.Score.Sensitivity);
        Assert.Equal(0.5, match.Score.PositivePredictivity);
    }

    [Fact]
    public void The_window_is_inclusive_and_each_beat_is_used_once()
    {
        var match = BeatMatching.Match([100], [46, 154], window: 54);
        Assert.Single(match.Pairs);
        Assert.Single(match.FalseDetections);
        Assert.Equal(new DetectionScore(1, 0, 1), match.Score);
        Assert.Equal(new DetectionScore(0, 1, 1), BeatMatching.Match([100], [155], 54).Score);
    }

    [Fact]
    public void Closest_pairs_are_matched_first()
    {
        // 150 lies within the window of both references, but 190 can only go with 200.
        var match = BeatMatching.Match([100, 200], [150, 190], window: 54);
        Assert.Equal([(0, 0), (1, 1)], match.Pairs);
        // A detection between two references goes to the nearer one.
        Assert.Equal([(1, 0)], BeatMatching.Match([100, 200], [170], 54).Pairs);
    }

    [Fact]
    public void Beats_inside_excluded_ranges_do_not_count_on_either_side()
    {
        var match = BeatMatching.Match([100, 500, 600, 900], [100, 550, 580, 900], 54, [new SampleRange(450, 650)]);
        Assert.Equal(new DetectionScore(2, 0, 0), match.Score);
    }

    [Fact]
    public void Unsorted_input_is_refused_with_the_entry()
    {
        var e = Assert.Throws<ArgumentException>(() => BeatMatching.Match([100, 50], [], 54));
        Assert.Contains("entry 1", e.Message);
    }

    [Fact]
    public void Scores_add_up_and_F1_is_the_harmonic_mean()
    {
        var total = new DetectionScore(90, 10, 0) + new DetectionScore(10, 0, 20);
        Assert.Equal(new DetectionScore(100, 10, 20), total);
        var se = total.Sensitivity;
        var ppv = total.PositivePredictivity;
        Assert.Equal(2 * se * ppv / (se + ppv), total.F1, 12);
    }
}
