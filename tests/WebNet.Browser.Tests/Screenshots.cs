namespace WebNet.Browser.Tests;

/// <summary>
/// Screenshots stay in the test output; WEBNET_UPDATE_SCREENSHOT=1 also copies them into docs/ (the README shows
/// docs/screenshot.png and the first screens at 1440x900 and 390x844).
/// </summary>
public static class Screenshots
{
    public static void OfferForReadme(string path) => OfferForDocs(path, "screenshot.png");

    public static void OfferForDocs(string path, string name)
    {
        if (Environment.GetEnvironmentVariable("WEBNET_UPDATE_SCREENSHOT") != "1")
        {
            return;
        }

        File.Copy(path, Path.Combine(RepositoryRoot(), "docs", name), overwrite: true);
    }

    /// <summary>The folder holding WebNet.sln, found upwards from the test output.</summary>
    public static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "WebNet.sln")))
        {
            root = root.Parent;
        }

        return root?.FullName ?? throw new InvalidOperationException("WebNet.sln not found above the test output.");
    }
}
