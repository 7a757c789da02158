using Microsoft.AspNetCore.Http.HttpResults;
using WebNet.Core.Training;
using WebNet.Web.Contracts;
using WebNet.Web.Training;

namespace WebNet.Web.Api;

/// <summary>/api/presets: each preset's full options, so the start form can show the values an empty field takes.</summary>
public static class PresetEndpoints
{
    public static IEndpointRouteBuilder MapPresetEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/presets").WithTags("Training")
            .MapGet("/", ListPresets).WithName("ListPresets")
            .WithSummary("Every preset's options (TrainingOptionsDto) by name, in the order the start form lists them.");
        return app;
    }

    public static Ok<Dictionary<string, TrainingOptionsDto>> ListPresets()
    {
        var presets = new Dictionary<string, TrainingOptionsDto>(StringComparer.Ordinal);
        foreach (var name in Presets.Names)
        {
            Presets.TryGet(name, out var options);
            presets[name] = options.ToDto();
        }

        return TypedResults.Ok(presets);
    }
}
