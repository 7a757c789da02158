namespace WebNet.Web.Contracts;

/// <summary>
/// POST /api/insight/explain's answer: the classify essentials (digit, confidence, probabilities, raw outputs, the
/// 28x28 input the network read, preprocess, the neurons off) and why. Target: the digit explained (the query's digit,
/// else the predicted one); score: its output pre-activation z; hidden (K): the first hidden layer's activations, off
/// neurons 0; contributions (784, row-major like input): input_i * dz/dinput_i, positive for ink that argues for target.
/// </summary>
public sealed record ExplainResponse(
    int Digit,
    double Confidence,
    double[] Probabilities,
    float[] Outputs,
    float[] Input,
    string Preprocess,
    int[] Off,
    int Target,
    float Score,
    float[] Hidden,
    float[] Contributions);
