namespace WebNet.Browser.Tests;

/// <summary>Screenshots stay in the test output; WEBNET_UPDATE_SCREENSHOT=1 also copies one to docs/screenshot.png.</summary>
public static class Screenshots
{
    public static void OfferForReadme(string path)
    {
        if (Environment.GetEnvironmentVariable("WEBNET_UPDATE_SCREENSHOT") != "1")
        {
            return;
        }

        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "WebNet.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException("WebNet.sln not found above the test output; cannot update docs/screenshot.png.");
        }

        File.Copy(path, Path.Combine(root.FullName, "docs", "screenshot.png"), overwrite: true);
    }
}
