namespace WebNet.Web.Options;

/// <summary>WebNet:Storage:Provider, written sqlite or postgres (any case).</summary>
public enum StorageProvider
{
    /// <summary>One SQLite file in the data folder: the single-process default, nothing to install.</summary>
    Sqlite,

    /// <summary>PostgreSQL at ConnectionStrings:WebNet, shared by every replica.</summary>
    Postgres,
}
