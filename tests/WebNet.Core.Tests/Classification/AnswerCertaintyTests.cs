using WebNet.Core.Classification;

namespace WebNet.Core.Tests.Classification;

public class AnswerCertaintyTests
{
    [Theory]
    [InlineData(new[] { 0.9, 0.05, 0.05 }, 1, false)]
    [InlineData(new[] { 0.45, 0.2, 0.35 }, 2, true)]
    [InlineData(new[] { 0.6, 0.1, 0.3 }, 2, true)]
    [InlineData(new[] { 0.7, 0.05, 0.25 }, 2, false)]
    public void AnAnswerIsUnsureWhenTheTopIsLowOrTheRunnerUpIsClose(double[] probabilities, int runnerUp, bool unsure)
    {
        var judged = AnswerCertainty.Judge(probabilities, 0);

        Assert.Equal(runnerUp, judged.RunnerUp);
        Assert.Equal(unsure, judged.Unsure);
    }

    [Fact]
    public void OnATieTheRunnerUpIsTheLowerOtherDigit()
    {
        Assert.Equal(0, AnswerCertainty.Judge([0.1, 0.8, 0.1], 1).RunnerUp);
    }
}
