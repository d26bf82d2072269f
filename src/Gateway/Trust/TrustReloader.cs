using MeshFed.Gateway.Telemetry;
using Microsoft.Extensions.Logging;

namespace MeshFed.Gateway.Trust;

/// <summary>
/// Holds the current trust material and picks up rotated files. New handshakes use the new SVID; connections
/// already open keep theirs, so a rotation drops nothing. Rotated material is taken only when it passes the
/// checks made at start (<see cref="GatewayIdentity.ProblemWith"/>); otherwise, and whatever goes wrong while
/// reading it (an unreadable file, a folder in place of a file), the failure is logged and counted
/// (<c>reloads{what=trust,outcome=invalid}</c>) and the last good material stays in use. Nothing on the
/// timer or the watcher's threads can end the process.
/// </summary>
public sealed partial class TrustReloader : IDisposable
{
    // A rotation writes the key, then the certificate: events are gathered for this long before a read, so a
    // rotation is usually seen whole rather than counted once as invalid half-way.
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    private readonly string? _folder;
    private readonly GatewayIdentity _identity;
    private readonly ILogger _logger;
    private readonly Timer? _poll;
    private readonly TimeSpan _interval;
    private readonly FileSystemWatcher? _watcher;
    private readonly Lock _gate = new();
    private string _lastSeen;
    private string _inUse;
    private TrustMaterial _current;
    private int _generation;

    /// <summary>Loads and checks <paramref name="folder"/>, then watches it (polled every <paramref name="pollInterval"/>, and on file events).</summary>
    /// <exception cref="TrustMaterialException">The material is missing, unreadable, or not <paramref name="identity"/>'s.</exception>
    public TrustReloader(string folder, GatewayIdentity identity, ILogger logger, TimeSpan? pollInterval = null)
    {
        _folder = folder;
        _identity = identity;
        _logger = logger;
        var files = TrustFiles.Read(folder);
        _current = TrustMaterial.FromFiles(files);
        if (identity.ProblemWith(_current) is { } problem)
            throw new TrustMaterialException($"{folder}: {problem}.");
        _lastSeen = _inUse = files.Digest;
        _interval = pollInterval ?? TimeSpan.FromSeconds(5);
        _poll = new Timer(_ => Refresh(), null, _interval, _interval);
        try
        {
            _watcher = new FileSystemWatcher(folder) { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName, EnableRaisingEvents = true };
            _watcher.Changed += (_, _) => RefreshSoon();
            _watcher.Created += (_, _) => RefreshSoon();
            _watcher.Renamed += (_, _) => RefreshSoon();
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            NotWatching(_logger, folder, e.Message);
        }
    }

    /// <summary>Fixed material that never changes (tests, embedded use); its own SVID names the identity.</summary>
    public TrustReloader(TrustMaterial material, ILogger logger)
    {
        _current = material;
        _identity = new GatewayIdentity(material.Identity?.TrustDomain ?? "", material.Identity?.GatewaySite ?? "");
        _logger = logger;
        _lastSeen = _inUse = "";
    }

    /// <summary>The material new handshakes use.</summary>
    public TrustMaterial Current => Volatile.Read(ref _current);

    /// <summary>The identity every material taken into use has.</summary>
    public GatewayIdentity Identity => _identity;

    /// <summary>Increases each time new material is taken into use.</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>Raised after new material is taken into use.</summary>
    public event Action<TrustMaterial>? Changed;

    /// <summary>
    /// Refuses a manifest whose trust domain is not the one this gateway's SVID is in: applying it would make
    /// every peer refuse this gateway and this gateway refuse every peer.
    /// </summary>
    /// <exception cref="ArgumentException">The trust domain differs.</exception>
    public void RequireTrustDomain(string trustDomain)
    {
        if (trustDomain != _identity.TrustDomain)
            throw new ArgumentException($"the manifest's trustDomain changed from '{_identity.TrustDomain}' to '{trustDomain}'; refused: this gateway's SVID and its peers' are in '{_identity.TrustDomain}'. Issue trust for the new domain to every site and restart the gateways.");
    }

    /// <summary>Re-reads the folder when its files' content changed since the last read; never throws.</summary>
    public void Refresh()
    {
        if (_folder is null)
            return;
        TrustMaterial? applied;
        try
        {
            applied = Reload(_folder);
        }
        catch (Exception e)
        {
            // Anything unforeseen: the gateway keeps serving with the material it has.
            Failed(e.Message);
            return;
        }
        if (applied is null)
            return;
        try
        {
            Changed?.Invoke(applied);
        }
        catch (Exception e)
        {
            HandlerFailed(_logger, e);
        }
    }

    private TrustMaterial? Reload(string folder)
    {
        lock (_gate)
        {
            TrustFiles files;
            try
            {
                files = TrustFiles.Read(folder);
            }
            catch (TrustMaterialException e)
            {
                Failed(e.Message);
                return null;
            }
            var digest = files.Digest;
            if (digest == _lastSeen)
                return null;
            _lastSeen = digest;
            if (digest == _inUse)
                return null; // readable again, and unchanged
            TrustMaterial material;
            try
            {
                material = TrustMaterial.FromFiles(files);
            }
            catch (TrustMaterialException e)
            {
                Invalid(folder, e.Message);
                return null;
            }
            if (_identity.ProblemWith(material) is { } problem)
            {
                Invalid(folder, problem);
                return null;
            }
            Volatile.Write(ref _current, material);
            _inUse = digest;
            Interlocked.Increment(ref _generation);
            GatewayMetrics.Reloads.Add(1, new("what", "trust"), new("outcome", "applied"));
            Reloaded(_logger, material.Identity?.ToString(), material.NotAfter, material.BundleThumbprints.Count);
            return material;
        }
    }

    // An unreadable folder fails the same way on every poll: logged and counted once until it changes.
    private void Failed(string reason)
    {
        lock (_gate)
        {
            var seen = "failed:" + reason;
            if (seen == _lastSeen)
                return;
            _lastSeen = seen;
        }
        Invalid(_folder ?? "", reason);
    }

    private void Invalid(string folder, string reason)
    {
        GatewayMetrics.Reloads.Add(1, new("what", "trust"), new("outcome", "invalid"));
        NotReloaded(_logger, folder, reason);
    }

    private void RefreshSoon()
    {
        try
        {
            _poll?.Change(Settle, _interval);
        }
        catch (ObjectDisposedException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Trust material reloaded: {Identity}, valid until {NotAfter:u}, {BundleCertificates} certificates in the bundle.")]
    private static partial void Reloaded(ILogger logger, string? identity, DateTimeOffset notAfter, int bundleCertificates);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Trust material in {Folder} not reloaded; the last good material stays in use: {Reason}")]
    private static partial void NotReloaded(ILogger logger, string folder, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "A handler of reloaded trust material failed; the material is in use for new handshakes.")]
    private static partial void HandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Not watching {Folder} for changes ({Reason}); polling only.")]
    private static partial void NotWatching(ILogger logger, string folder, string reason);

    /// <inheritdoc />
    public void Dispose()
    {
        _poll?.Dispose();
        _watcher?.Dispose();
    }
}
