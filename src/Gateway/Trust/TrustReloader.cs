using MeshFed.Gateway.Telemetry;
using MeshFed.Gateway.Watching;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace MeshFed.Gateway.Trust;

/// <summary>
/// Holds the current trust material and picks up rotated files. New handshakes use the new SVID; connections
/// already open keep theirs, so a rotation drops nothing. Rotated material is taken only when it passes the
/// checks made at start (<see cref="GatewayIdentity.ProblemWith"/>); otherwise, and whatever goes wrong while
/// reading it (an unreadable file, a folder in place of a file), the failure is logged and counted
/// (<c>reloads{what=trust,outcome=invalid}</c>) and the last good material stays in use. Rotations are noticed
/// by a <see cref="FileWatch"/> (file-system events and a poll), as manifest edits are. Nothing on the timer's
/// thread can end the process.
/// </summary>
public sealed partial class TrustReloader : IDisposable
{
    // A rotation writes the key, then the certificate: events are gathered for this long before a read, so a
    // rotation is usually seen whole rather than counted once as invalid half-way.
    private static readonly TimeSpan s_settle = TimeSpan.FromMilliseconds(300);

    private readonly string? _folder;
    private readonly GatewayIdentity _identity;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly FileWatch? _watch;
    private readonly IDisposable? _subscription;
    private readonly Lock _gate = new();
    private string _lastSeen;
    private string _inUse;
    private TrustMaterial _current;
    private int _generation;

    /// <summary>Loads and checks <paramref name="folder"/>, then watches it (polled every <paramref name="pollInterval"/>, and on file events).</summary>
    /// <param name="folder">The trust folder (bundle.pem, gateway.crt, gateway.key).</param>
    /// <param name="identity">Who every material taken into use must be.</param>
    /// <param name="logger">Where reloads and refusals are logged.</param>
    /// <param name="pollInterval">How often the folder is read besides file-system events (default 5 s).</param>
    /// <param name="time">The clock of the poll and of the validity checks (null: the system clock).</param>
    /// <exception cref="TrustMaterialException">The material is missing, unreadable, or not <paramref name="identity"/>'s.</exception>
    public TrustReloader(string folder, GatewayIdentity identity, ILogger logger, TimeSpan? pollInterval = null, TimeProvider? time = null)
    {
        _folder = folder;
        _identity = identity;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        var files = TrustFiles.Read(folder);
        _current = TrustMaterial.FromFiles(files);
        if (identity.ProblemWith(_current, _time.GetUtcNow()) is { } problem)
            throw new TrustMaterialException($"{folder}: {problem}.");
        _lastSeen = _inUse = files.Digest;
        _watch = new FileWatch(folder, pollInterval ?? TimeSpan.FromSeconds(5), s_settle, _time, logger);
        _subscription = ChangeToken.OnChange(_watch.GetChangeToken, Refresh);
    }

    /// <summary>Fixed material that never changes (tests, embedded use); its own SVID names the identity.</summary>
    public TrustReloader(TrustMaterial material, ILogger logger)
    {
        _current = material;
        _identity = new GatewayIdentity(material.Identity?.TrustDomain ?? "", material.Identity?.GatewaySite ?? "");
        _logger = logger;
        _time = TimeProvider.System;
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
            if (_identity.ProblemWith(material, _time.GetUtcNow()) is { } problem)
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

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Trust material reloaded: {Identity}, valid until {NotAfter:u}, {BundleCertificates} certificates in the bundle.")]
    private static partial void Reloaded(ILogger logger, string? identity, DateTimeOffset notAfter, int bundleCertificates);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Trust material in {Folder} not reloaded; the last good material stays in use: {Reason}")]
    private static partial void NotReloaded(ILogger logger, string folder, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "A handler of reloaded trust material failed; the material is in use for new handshakes.")]
    private static partial void HandlerFailed(ILogger logger, Exception exception);

    /// <inheritdoc />
    public void Dispose()
    {
        _subscription?.Dispose();
        _watch?.Dispose();
    }
}
