namespace MeshFed.Tests.Shared;

/// <summary>
/// Puts a file at a path that exists but this process may not read (security review E4: a key rotated by
/// another user, left 0600). chmod stops no root process, so as root the path becomes a symlink to a sysfs
/// attribute without a read method, which the kernel refuses to open for reading even to root (EACCES).
/// </summary>
public static class UnreadableFile
{
    // Bus attributes such as drivers_probe and uevent are write-only (mode 0200) on every Linux kernel.
    private static IEnumerable<string> WriteOnlySysfsFiles() =>
        Directory.Exists("/sys/bus")
            ? Directory.GetDirectories("/sys/bus").Order(StringComparer.Ordinal).SelectMany(bus => new[] { Path.Combine(bus, "drivers_probe"), Path.Combine(bus, "uevent") }).Where(File.Exists)
            : [];

    /// <summary>Replaces <paramref name="path"/>; returns why it cannot, or null when the file is now unreadable.</summary>
    public static string? TryPlace(string path)
    {
        File.Delete(path);
        if (Environment.UserName != "root" && !OperatingSystem.IsWindows())
        {
            File.WriteAllText(path, "secret");
            File.SetUnixFileMode(path, UnixFileMode.None);
        }
        else if (WriteOnlySysfsFiles().FirstOrDefault(Unreadable) is { } target)
        {
            File.CreateSymbolicLink(path, target);
        }
        else
        {
            return "running as root and no write-only sysfs attribute is available to stand in for an unreadable file";
        }
        return Unreadable(path) ? null : $"{path} is still readable";
    }

    private static bool Unreadable(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
