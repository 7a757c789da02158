using ILGPU;
using WebNet.Core.Network;

namespace WebNet.Gpu;

/// <summary>
/// The one product behind the forward pass, backpropagation and the weight gradient (see <see cref="MatMulSpec"/>),
/// with its epilogue: bias and activation, or the activation's derivative, applied as results are stored.
/// </summary>
internal static class MatMulKernels
{
    /// <summary>
    /// Tiled C = A B (see <see cref="MatMulSpec"/>): a group of Tile x Tile threads computes one Tile x Tile
    /// block of C, staging Tile-wide slices of A and B in shared memory (2 Tile (Tile + 1) floats, requested
    /// at launch; the extra column keeps transposed stores off a single bank). Each slice is read so that
    /// neighbouring threads read neighbouring addresses: across k when that is the unit stride, else across
    /// m (A) or n (B), which covers W^T in the forward pass and delta^T in the weight gradient.
    /// </summary>
    public static void MatMul(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, ArrayView<float> bias, ArrayView<float> aux, MatMulSpec s)
    {
        var t = s.Tile;
        var pitch = t + 1;
        var shared = SharedMemory.GetDynamic<float>();
        var tileA = shared.SubView(0, t * pitch);
        var tileB = shared.SubView(t * pitch, t * pitch);
        var tx = Group.IdxX;
        var ty = Group.IdxY;
        var rowBase = Grid.IdxY * t;
        var colBase = Grid.IdxX * t;
        var aAcrossK = s.Sak == 1;
        var bAcrossN = s.Sbn == 1;
        var acc = 0f;
        for (var k0 = 0; k0 < s.K; k0 += t)
        {
            // tileA[m][k] and tileB[k][n], local indices.
            var am = aAcrossK ? ty : tx;
            var ak = aAcrossK ? tx : ty;
            var m = rowBase + am;
            var ka = k0 + ak;
            tileA[(am * pitch) + ak] = m < s.M && ka < s.K ? a[(m * s.Sam) + (ka * s.Sak)] : 0f;
            var bk = bAcrossN ? ty : tx;
            var bn = bAcrossN ? tx : ty;
            var kb = k0 + bk;
            var n = colBase + bn;
            tileB[(bk * pitch) + bn] = kb < s.K && n < s.N ? b[(kb * s.Sbk) + (n * s.Sbn)] : 0f;
            Group.Barrier();
            for (var k = 0; k < t; k++)
            {
                acc += tileA[(ty * pitch) + k] * tileB[(k * pitch) + tx];
            }

            Group.Barrier();
        }

        var row = rowBase + ty;
        var col = colBase + tx;
        if (row < s.M && col < s.N)
        {
            Store(c, bias, aux, s, row, col, acc);
        }
    }

    /// <summary>
    /// The same product with one thread per element of C and no shared memory, for ILGPU's CPU simulator,
    /// where a group barrier costs an operating-system wait. index (N, M).
    /// </summary>
    public static void MatMulSimple(Index2D index, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, ArrayView<float> bias, ArrayView<float> aux, MatMulSpec s)
    {
        var col = index.X;
        var row = index.Y;
        var acc = 0f;
        for (var k = 0; k < s.K; k++)
        {
            acc += a[(row * s.Sam) + (k * s.Sak)] * b[(k * s.Sbk) + (col * s.Sbn)];
        }

        Store(c, bias, aux, s, row, col, acc);
    }

    private static void Store(ArrayView<float> c, ArrayView<float> bias, ArrayView<float> aux, MatMulSpec s, int row, int col, float acc)
    {
        var at = (row * s.Ldc) + col;
        c[at] = s.Epilogue switch
        {
            Epilogue.BiasActivation => Activate(s.Activation, acc + bias[col]),
            Epilogue.TimesDerivative => acc * Derivative(s.Activation, aux[at]),
            _ => acc,
        };
    }

    private static float Activate(Activation activation, float z) => activation switch
    {
        Activation.Sigmoid => 1f / (1f + MathF.Exp(-z)),
        Activation.Tanh => Tanh(z),
        Activation.Relu => z > 0f ? z : 0f,
        _ => z,
    };

    /// <summary>
    /// tanh without overflow or cancellation: ILGPU's PTX tanh is (e^{2z} - 1) / (e^{2z} + 1), NaN once e^{2z}
    /// overflows (z &gt; 44). Here the exponential is of -2|z| (at most 1); near zero a short series keeps the
    /// relative error at float precision.
    /// </summary>
    internal static float Tanh(float z)
    {
        var x = MathF.Abs(z);
        float t;
        if (x < 0.0625f)
        {
            var x2 = x * x;
            t = x * (1f + (x2 * ((-1f / 3f) + (x2 * ((2f / 15f) + (x2 * (-17f / 315f)))))));
        }
        else
        {
            var e = MathF.Exp(-2f * x);
            t = (1f - e) / (1f + e);
        }

        return z < 0f ? -t : t;
    }

    /// <summary>f'(z) written through a = f(z): sigmoid a(1-a), tanh 1-a², ReLU [a&gt;0].</summary>
    private static float Derivative(Activation activation, float a) => activation switch
    {
        Activation.Sigmoid => a * (1f - a),
        Activation.Tanh => 1f - (a * a),
        Activation.Relu => a > 0f ? 1f : 0f,
        _ => 1f,
    };
}
