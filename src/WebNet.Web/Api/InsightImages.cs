using WebNet.Core.Network;
using WebNet.Core.Insight;
using WebNet.Web.Contracts;

namespace WebNet.Web.Api;

/// <summary>Test images as the Insight API sends them: grey bytes in base64 and the model's normalised outputs.</summary>
internal static class InsightImages
{
    public static TestImageDto ToDto(ModelInsight insight, int sample)
    {
        var data = insight.Data;
        var image = data.Image(sample);
        var pixels = new byte[data.InputSize];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)Math.Clamp(MathF.Round(image[i] * 255f), 0f, 255f);
        }

        var outputs = new float[insight.Model.Shape.OutputSize];
        insight.Model.Predict(image, outputs);
        return new TestImageDto(sample, data.Labels[sample], insight.Probe.Predictions[sample], data.Width, data.Height, Convert.ToBase64String(pixels), OutputProbabilities.From(outputs));
    }
}
