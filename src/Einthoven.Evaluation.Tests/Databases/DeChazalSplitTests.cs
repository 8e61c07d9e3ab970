using Einthoven.Evaluation.Databases;

namespace Einthoven.Evaluation.Tests.Databases;

public class DeChazalSplitTests
{
    [Fact]
    public void The_split_has_22_records_each_disjoint_and_without_paced_records()
    {
        Assert.Equal(22, DeChazalSplit.Ds1.Count);
        Assert.Equal(22, DeChazalSplit.Ds2.Count);
        Assert.Empty(DeChazalSplit.Ds1.Intersect(DeChazalSplit.Ds2));
        Assert.Empty(DeChazalSplit.Paced.Intersect(DeChazalSplit.Ds1.Concat(DeChazalSplit.Ds2)));
    }
}
