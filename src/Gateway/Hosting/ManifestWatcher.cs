using MeshFed.Gateway.Telemetry;
using MeshFed.Gateway.Watching;
using MeshFed.Model;
using MeshFed.Model.Loading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace MeshFed.Gateway.Hosting;

/// <summary>
/// Hot reload: watches the manifest (a file or a folder of *.yaml) and, when it changes, loads and validates
/// it again. A valid manifest replaces the gateway's plan; an invalid or refused one is logged with every error
/// and ignored, so a bad edit never takes a running gateway down. Changes are noticed by a <see cref="FileWatch"/>
/// (file-system events and a poll). Nothing here may end the process: the checks run on a timer, where an
/// escaping exception would (E5).
/// </summary>
public sealed class ManifestWatcher : IDisposable
{
    private readonly string _path;
    private readonly Func<FederatedMesh, string?> _apply;
    private readonly ILogger _logger;
    private readonly FileWatch _watch;
    private readonly IDisposable _subscription;
    private readonly Lock _gate = new();
    private string _fingerprint;

    /// <summary>Starts watching <paramref name="path"/>.</summary>
    /// <param name="path">The manifest file or folder.</param>
    /// <param name="apply">Takes each valid new mesh into use; returns why it refused one, or null when applied.</param>
    /// <param name="logger">Where outcomes are logged.</param>
    /// <param name="pollInterval">How often files are checked besides file-system events (default 2 s).</param>
    /// <param name="time">The clock of the poll (null: the system clock).</param>
    public ManifestWatcher(string path, Func<FederatedMesh, string?> apply, ILogger logger, TimeSpan? pollInterval = null, TimeProvider? time = null)
    {
        _path = path;
        _apply = apply;
        _logger = logger;
        _fingerprint = Fingerprint(path);
        var folder = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!;
        // No settle delay: a manifest edit is one file, and a half-written one is refused as invalid and read again.
        _watch = new FileWatch(folder, pollInterval ?? TimeSpan.FromSeconds(2), TimeSpan.Zero, time ?? TimeProvider.System, logger);
        _subscription = ChangeToken.OnChange(_watch.GetChangeToken, Check);
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
        _subscription.Dispose();
        _watch.Dispose();
    }
}
