using WebNet.Core.Imaging;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests;

/// <summary>/swagger/v1/swagger.json checked by a standard validator (scripts/validate-openapi.mjs) and against the mapped endpoints.</summary>
public sealed class OpenApiDocumentTests : IDisposable
{
    private const string DocumentPath = "/swagger/v1/swagger.json";
    private const string ValidatorScript = "scripts/validate-openapi.mjs";

    private readonly WebNetFactory _factory = new();
    private readonly HttpClient _client;

    public OpenApiDocumentTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task TheSwaggerDocumentPassesAStandardOpenApiValidator()
    {
        var json = await _client.GetStringAsync(DocumentPath);
        var file = Path.Combine(Path.GetTempPath(), $"webnet-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, json);
        try
        {
            var (exitCode, output) = await RunNodeAsync(RepositoryRoot(), ValidatorScript, file);
            Assert.True(exitCode == 0, $"{ValidatorScript} exited with {exitCode}:\n{output}");
            Assert.Contains("valid:", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task TheSwaggerDocumentListsEveryMappedApiAndHealthEndpoint()
    {
        var paths = JsonNode.Parse(await _client.GetStringAsync(DocumentPath))!["paths"]!.AsObject();
        var endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => (Path: DocumentedPath(e.RoutePattern), Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []))
            .Where(e => e.Path == "/health" || e.Path.StartsWith("/api/", StringComparison.Ordinal))
            .ToList();

        Assert.Contains(endpoints, e => e.Path == "/api/classify");
        Assert.Contains(endpoints, e => e.Path == "/api/model" && e.Methods.Contains("PUT"));
        Assert.All(endpoints, endpoint =>
        {
            Assert.True(paths.ContainsKey(endpoint.Path), $"{endpoint.Path} is mapped but missing from {DocumentPath}");
            Assert.NotEmpty(endpoint.Methods);
            foreach (var method in endpoint.Methods)
            {
                var operation = paths[endpoint.Path]![method.ToLowerInvariant()];
                Assert.True(operation is not null, $"{method} {endpoint.Path} is mapped but missing from {DocumentPath}");
                Assert.False(string.IsNullOrWhiteSpace((string?)operation!["operationId"]), $"{method} {endpoint.Path} has no operationId");
                Assert.False(string.IsNullOrWhiteSpace((string?)operation["summary"]), $"{method} {endpoint.Path} has no summary");
            }
        });
    }

    [Fact]
    public async Task TheClassifyBodyIsDocumentedAsARawPngAFormWithAnImageFileOrJsonPixels()
    {
        var document = JsonNode.Parse(await _client.GetStringAsync(DocumentPath))!;
        var classify = document["paths"]!["/api/classify"]!["post"]!;
        var content = classify["requestBody"]!["content"]!;

        Assert.Equal("string", (string?)content["image/png"]!["schema"]!["type"]);
        Assert.Equal("binary", (string?)content["image/png"]!["schema"]!["format"]);

        var form = content["multipart/form-data"]!["schema"]!;
        Assert.Equal("object", (string?)form["type"]);
        Assert.Equal("binary", (string?)form["properties"]!["image"]!["format"]);
        Assert.Contains("image", form["required"]!.AsArray().Select(n => (string?)n));

        var pixels = (string?)content["application/json"]!["schema"]!["$ref"];
        Assert.Equal("#/components/schemas/ClassifyPixelsRequest", pixels);
        var properties = document["components"]!["schemas"]!["ClassifyPixelsRequest"]!["properties"]!.AsObject();
        Assert.Equal(["height", "pixels", "width"], properties.Select(p => p.Key).Order());

        var preprocess = classify["parameters"]!.AsArray().Single(p => (string?)p!["name"] == "preprocess")!;
        Assert.Equal(["mnist", "none", "stroke"], preprocess["schema"]!["enum"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(PreprocessModes.Default.ToWireName(), (string?)preprocess["schema"]!["default"]);
        var compare = classify["parameters"]!.AsArray().Single(p => (string?)p!["name"] == "compare")!;
        Assert.Equal(["mnist", "none", "stroke"], compare["schema"]!["enum"]!.AsArray().Select(n => (string?)n));
        var run = classify["parameters"]!.AsArray().Single(p => (string?)p!["name"] == "run")!;
        Assert.Contains("finished run", (string?)run["description"], StringComparison.Ordinal);
    }

    /// <summary>The path as OpenAPI writes it: "{id:long}" becomes "{id}", and a group's "/api/model/" loses its trailing slash.</summary>
    private static string DocumentedPath(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => throw new InvalidOperationException($"Unexpected route part in {pattern.RawText}"),
        })));
        return "/" + string.Join('/', segments);
    }

    /// <summary>The repository root: the first folder above the test's output that holds the validator script.</summary>
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, ValidatorScript)) && File.Exists(Path.Combine(folder.FullName, "package.json")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds {ValidatorScript}.");
    }

    private static async Task<(int ExitCode, string Output)> RunNodeAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WithTimeout("the OpenAPI validator");
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
