using System.Text.Json.Serialization;
using WebNet.Core.Imaging;
using WebNet.Core.Serialization;

namespace WebNet.Web.Contracts;

/// <summary>
/// POST /api/classify's answer. Probabilities sum to 1 (sigmoid outputs are normalised; outputs keeps them raw);
/// input is the 28x28 picture the network read. BoundingBox (source pixels), shift (28x28 pixels, how far centring
/// the centre of mass moved the digit) and centreOfMass exist for preprocess=mnist with ink; scale is output pixels per
/// source pixel.
/// </summary>
public sealed record ClassifyResponse(
    int Digit,
    double Confidence,
    double[] Probabilities,
    float[] Outputs,
    [property: JsonConverter(typeof(MostlyZeroFloatsConverter))] float[] Input,
    string Preprocess,
    InkBounds? BoundingBox,
    FieldShift? Shift,
    float Scale,
    FieldPoint? CentreOfMass);
