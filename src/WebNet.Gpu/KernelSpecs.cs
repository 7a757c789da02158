using WebNet.Core.Network;
using WebNet.Core.Training;

namespace WebNet.Gpu;

/// <summary>What the matrix product does to each result before storing it.</summary>
internal enum Epilogue
{
    /// <summary>C = A B (gradients).</summary>
    Store,

    /// <summary>C = f(A B + bias) with f the spec's activation (forward; Softmax here means none: the output kernel applies it).</summary>
    BiasActivation,

    /// <summary>C = (A B) * f'(aux) with aux the activations of the layer below (backpropagated deltas).</summary>
    TimesDerivative,
}

/// <summary>
/// C (M, N) = A (M, K) B (K, N), each operand addressed through strides so that one kernel serves
/// X W^T (forward), D W (backward) and D^T X (weight gradient) without transposed copies.
/// A(m, k) = a[m*Sam + k*Sak], B(k, n) = b[k*Sbk + n*Sbn], C(m, n) = c[m*Ldc + n].
/// </summary>
internal readonly record struct MatMulSpec(
    int M,
    int N,
    int K,
    int Sam,
    int Sak,
    int Sbk,
    int Sbn,
    int Ldc,
    int Tile,
    Epilogue Epilogue,
    Activation Activation);

/// <summary>
/// The output layer's row kernel: softmax (when the cost needs it), loss, prediction, and the delta when
/// WriteDelta is 1 (an int: kernel arguments must be blittable, bool is not).
/// </summary>
internal readonly record struct OutputSpec(int Outputs, Cost Cost, int WriteDelta);

/// <summary>
/// One optimizer step over a layer's parameters [Offset, Offset + count): its weights (the first
/// WeightCount, which decay) then its biases (which do not). Scale = 1/batch; C1, C2 Adam's bias corrections.
/// </summary>
internal readonly record struct UpdateSpec(
    Optimizer Optimizer,
    int Offset,
    int WeightCount,
    float LearningRate,
    float Scale,
    float Decay,
    float Momentum,
    float C1,
    float C2);
