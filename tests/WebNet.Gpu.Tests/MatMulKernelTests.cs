using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using WebNet.Core.Network;
using WebNet.Core.Training;

namespace WebNet.Gpu.Tests;

/// <summary>
/// The shared-memory tiled product against a plain loop, on ILGPU's CPU simulator with a 4x4 tile, for
/// the three operand layouts the backend uses and sizes that leave partial tiles on every edge. (The
/// parity suite runs the tiled kernel only on GPUs: on the simulator each group barrier is an OS wait.)
/// </summary>
public sealed class MatMulKernelTests : IDisposable
{
    private const int M = 7, N = 9, K = 13;
    private readonly Context _context = Context.Create(builder => builder.CPU().EnableAlgorithms());
    private readonly Accelerator _accelerator;

    public MatMulKernelTests()
    {
        _accelerator = _context.CreateCPUAccelerator(0);
    }

    [Theory]
    [InlineData("forward")]
    [InlineData("backward")]
    [InlineData("gradient")]
    public void TiledProductMatchesAPlainLoop(string layout)
    {
        var random = new SplitMix64(3);
        var a = Random(random, M * K);
        var b = Random(random, K * N);
        var bias = Random(random, N);
        var aux = Random(random, M * N);

        // forward: A (M, K) row-major, B stored as W (N, K); backward: both row-major; gradient: A stored (K, M).
        var spec = layout switch
        {
            "forward" => new MatMulSpec(M, N, K, K, 1, 1, K, N, 4, Epilogue.BiasActivation, Activation.Sigmoid),
            "backward" => new MatMulSpec(M, N, K, K, 1, N, 1, N, 4, Epilogue.TimesDerivative, Activation.Tanh),
            _ => new MatMulSpec(M, N, K, 1, M, N, 1, N, 4, Epilogue.Store, Activation.Sigmoid),
        };
        var expected = new float[M * N];
        for (var m = 0; m < M; m++)
        {
            for (var n = 0; n < N; n++)
            {
                var sum = 0f;
                for (var k = 0; k < K; k++)
                {
                    sum += a[(m * spec.Sam) + (k * spec.Sak)] * b[(k * spec.Sbk) + (n * spec.Sbn)];
                }

                expected[(m * N) + n] = spec.Epilogue switch
                {
                    Epilogue.BiasActivation => 1f / (1f + MathF.Exp(-(sum + bias[n]))),
                    Epilogue.TimesDerivative => sum * (1f - (aux[(m * N) + n] * aux[(m * N) + n])),
                    _ => sum,
                };
            }
        }

        using var da = _accelerator.Allocate1D(a);
        using var db = _accelerator.Allocate1D(b);
        using var dbias = _accelerator.Allocate1D(bias);
        using var daux = _accelerator.Allocate1D(aux);
        using var dc = _accelerator.Allocate1D<float>(M * N);
        var tiled = _accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, MatMulSpec>(MatMulKernels.MatMul);
        var config = new KernelConfig(new Index2D((N + 3) / 4, (M + 3) / 4), new Index2D(4, 4), SharedMemoryConfig.RequestDynamic<float>(2 * 4 * 5));
        tiled(config, da.View, db.View, dc.View, dbias.View, daux.View, spec);
        var actual = dc.GetAsArray1D();

        var (maxAbs, _, _, _) = ParityCheck.Compare(expected, actual);
        Assert.True(maxAbs < 1e-5, $"The tiled {layout} product differs from the loop by {maxAbs:E2}.");
    }

    public void Dispose()
    {
        _accelerator.Dispose();
        _context.Dispose();
    }

    private static float[] Random(SplitMix64 random, int length)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (float)((2 * random.NextDouble()) - 1);
        }

        return values;
    }
}
