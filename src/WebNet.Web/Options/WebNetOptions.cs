using System.ComponentModel.DataAnnotations;

namespace WebNet.Web.Options;

/// <summary>The WebNet section: where data lives and who may control training.</summary>
public sealed class WebNetOptions
{
    public const string Section = "WebNet";

    /// <summary>Folder for the SQLite database (runs, epochs, snapshots, checkpoints); a relative path is under the content root (made absolute when the options are read).</summary>
    [Required]
    [MinLength(1)]
    public string DataPath { get; set; } = "data";

    /// <summary>Folder with the four MNIST IDX files; empty means where the project's npm restore puts them.</summary>
    public string? MnistPath { get; set; }

    /// <summary>When set, control calls (REST and hub) must send it as X-Admin-Key (the hub also takes it as SignalR's access token).</summary>
    [StringLength(512)]
    public string? AdminKey { get; set; }

    public bool HasAdminKey => !string.IsNullOrEmpty(AdminKey);

    /// <summary>DataPath as an absolute path (already so once bound; a POCO built by hand resolves against the app's folder).</summary>
    public string ResolvedDataPath => Path.GetFullPath(DataPath, AppContext.BaseDirectory);
}
