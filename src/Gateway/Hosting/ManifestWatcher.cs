using MeshFed.Gateway.Telemetry;
using MeshFed.Model;
using MeshFed.Model.Loading;
using Microsoft.Extensions.Logging;

namespace MeshFed.Gateway.Hosting;

/// <summary>
/// Hot reload: watches the manifest (a file or a folder of *.yaml) and, when it changes, loads and validates
/// it again. A valid manifest replaces the gateway's plan; an invalid one is logged with every error and
/// ignored, so a bad edit never takes a running gateway down.
/// </summary>
public sealed class ManifestWatcher : IDisposable
{
    private readonly string _path;
    private readonly Action<FederatedMesh> _apply;
    private readonly ILogger _logger;
    private readonly Timer _poll;
    private readonly FileSystemWatcher? _watcher;
    private string _fingerprint;

    /// <summary>Starts watching <paramref name="path"/>; <paramref name="apply"/> receives each valid new mesh.</summary>
    public ManifestWatcher(string path, Action<FederatedMesh> apply, ILogger logger, TimeSpan? pollInterval = null)
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
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            _logger.LogInformation("Not watching {Path} for changes ({Reason}); polling only.", path, e.Message);
        }
    }

    /// <summary>Loads the manifest again if its files changed.</summary>
    public void Check()
    {
        lock (_poll)
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
            try
            {
                _apply(mesh);
                GatewayMetrics.Reloads.Add(1, new("what", "manifest"), new("outcome", "applied"));
                _logger.LogInformation("Manifest {Path} reloaded: {Services} services, {Sites} sites.", _path, mesh.Services.Count, mesh.Sites.Count);
            }
            catch (ArgumentException e)
            {
                GatewayMetrics.Reloads.Add(1, new("what", "manifest"), new("outcome", "rejected"));
                _logger.LogError("Manifest {Path} reloaded but not applied: {Reason}", _path, e.Message);
            }
        }
    }

    private static string Fingerprint(string path)
    {
        var files = Directory.Exists(path)
            ? Directory.GetFiles(path, "*.y*ml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray()
            : [path];
        return string.Join("|", files.Select(f => File.Exists(f) ? $"{f}:{File.GetLastWriteTimeUtc(f).Ticks}:{new FileInfo(f).Length}" : f));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _poll.Dispose();
        _watcher?.Dispose();
    }
}
