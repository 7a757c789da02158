namespace WebNet.Gpu.Tests;

public sealed class DeviceMathTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-6)]
    [InlineData(0.01)]
    [InlineData(0.0624)]
    [InlineData(0.0626)]
    [InlineData(0.5)]
    [InlineData(3.0)]
    [InlineData(20.0)]
    [InlineData(50.0)]
    [InlineData(1e6)]
    public void TanhMatchesTheLibraryToFloatPrecisionAndNeverOverflows(double z)
    {
        foreach (var sign in new[] { 1.0, -1.0 })
        {
            var x = (float)(sign * z);
            var expected = Math.Tanh(x);
            var actual = MatMulKernels.Tanh(x);
            Assert.True(float.IsFinite(actual), $"tanh({x}) gave {actual}.");
            Assert.True(Math.Abs(actual - expected) <= 3e-7 * Math.Max(Math.Abs(expected), 1e-30), $"tanh({x}) = {actual}, expected {expected}.");
        }
    }
}
