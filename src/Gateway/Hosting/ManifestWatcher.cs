using MeshFed.Gateway.Telemetry;
using MeshFed.Model;
using MeshFed.Model.Loading;
using Microsoft.Extensions.Logging;

namespace MeshFed.Gateway.Hosting;

/// <summary>
/// Hot reload: watches the manifest (a file or a folder of *.yaml) and, when it changes, loads and validates
/// it again. A valid manifest replaces the gateway's plan; an invalid or refused one is logged with every error
/// and ignored, so a bad edit never takes a running gateway down. Nothing here may end the process: the checks
/// run on a timer and on file-system events, where an escaping exception would (E5).
/// </summary>
public sealed class ManifestWatcher : IDisposable
{
    private readonly string _path;
    private readonly Func<FederatedMesh, string?> _apply;
    private readonly ILogger _logger;
    private readonly Timer _poll;
    private readonly FileSystemWatcher? _watcher;
    private readonly Lock _gate = new();
    private string _fingerprint;

    /// <summary>Starts watching <paramref name="path"/>.</summary>
    /// <param name="path">The manifest file or folder.</param>
    /// <param name="apply">Takes each valid new mesh into use; returns why it refused one, or null when applied.</param>
    /// <param name="logger">Where outcomes are logged.</param>
    /// <param name="pollInterval">How often files are checked besides file-system events (default 2 s).</param>
    public ManifestWatcher(string path, Func<FederatedMesh, string?> apply, ILogger logger, TimeSpan? pollInterval = null)
    {
        _path = path;
        _apply = apply;
        _logger = logger;
        _fingerprint = Fingerprint(path);
        var interval = pollInterval ?? TimeSpan.FromSeconds(2);
        _poll = new Timer(_ => Check(), null, interval, interval);
        try
        {
            var folder = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!;
            _watcher = new FileSystemWatcher(folder) { EnableRaisingEvents = true, NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size };
            _watcher.Changed += (_, _) => Check();
            _watcher.Created += (_, _) => Check();
            _watcher.Renamed += (_, _) => Check();
            _watcher.Deleted += (_, _) => Check();
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            _logger.LogInformation("Not watching {Path} for changes ({Reason}); polling only.", path, e.Message);
        }
    }

    /// <summary>Loads the manifest again if its files changed. Never throws.</summary>
    public void Check()
    {
        lock (_gate)
        {
            try
            {
                Reload();
            }
            catch (Exception e) // a timer or watcher callback: anything escaping would end the process
            {
                GatewayMetrics.Reloads.Add(1, new("what", "manifest"), new("outcome", "error"));
                _logger.LogError("Manifest {Path} could not be reloaded ({Error}: {Reason}); keeping the running configuration.", _path, e.GetType().Name, e.Message);
            }
        }
    }

    private void Reload()
    {
        var fingerprint = Fingerprint(_path);
        if (fingerprint == _fingerprint)
            return;
        _fingerprint = fingerprint;
        var loaded = ManifestLoader.Load(_path);
        if (loaded.Mesh is not { } mesh)
        {
            GatewayMetrics.Reloads.Add(1, new("what", "manifest"), new("outcome", "invalid"));
            _logger.LogError("Manifest {Path} changed but is invalid; keeping the running configuration. {Errors}",
                _path, string.Join(Environment.NewLine, loaded.Errors.Take(20)));
            return;
        }
        if (_apply(mesh) is { } refusal)
        {
            GatewayMetrics.Reloads.Add(1, new("what", "manifest"), new("outcome", "rejected"));
            _logger.LogError("Manifest {Path} reloaded but not applied: {Reason}", _path, refusal);
            return;
        }
        GatewayMetrics.Reloads.Add(1, new("what", "manifest"), new("outcome", "applied"));
        _logger.LogInformation("Manifest {Path} reloaded: {Services} services, {Sites} sites.", _path, mesh.Services.Count, mesh.Sites.Count);
    }

    // Exactly the files the loader reads (same enumeration: hidden and unreadable folders skipped), so a folder
    // the loader ignores can neither crash the watcher nor hide a change.
    private static string Fingerprint(string path) =>
        string.Join("|", ManifestLoader.Files(path).Select(f =>
        {
            var file = new FileInfo(f);
            return file.Exists ? $"{f}:{file.LastWriteTimeUtc.Ticks}:{file.Length}" : f;
        }));

    /// <inheritdoc />
    public void Dispose()
    {
        _poll.Dispose();
        _watcher?.Dispose();
    }
}
