using System.Globalization;
using Microsoft.Extensions.Options;
using WebNet.Web.Options;

namespace WebNet.Web.Storage;

/// <summary>
/// Free space on the disk that holds a folder, against WebNet:Storage:MinFreeBytes. Training pauses (with this message)
/// rather than fail an epoch it cannot store, and /health/ready reports it. Tests replace FreeBytes to fill a disk.
/// </summary>
public class DiskSpace(IOptions<StorageOptions> options)
{
    /// <summary>Bytes free to this process on the folder's disk (the nearest existing folder above it when it does not exist yet).</summary>
    public virtual long FreeBytes(string folder)
    {
        var existing = Path.GetFullPath(folder);
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            existing = parent;
        }

        return new DriveInfo(existing).AvailableFreeSpace;
    }

    /// <summary>Null when there is room; otherwise what a person reads: how much is free, where, and what is needed.</summary>
    public string? Shortage(string folder)
    {
        var free = FreeBytes(folder);
        var needed = options.Value.MinFreeBytes;
        return free >= needed
            ? null
            : $"Only {Bytes(free)} free on the disk of {folder}; training needs {Bytes(needed)} ({StorageOptions.Section}:{nameof(StorageOptions.MinFreeBytes)}). Free some space, then resume.";
    }

    public static string Bytes(long bytes) => bytes >= 1L << 30
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.##} GiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.#} MiB");
}
