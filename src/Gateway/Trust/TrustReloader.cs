using Microsoft.Extensions.Logging;

namespace MeshFed.Gateway.Trust;

/// <summary>
/// Holds the current trust material and picks up rotated files. New handshakes use the new SVID; connections
/// already open keep theirs, so a rotation drops nothing. A half-written or broken rotation is logged and
/// ignored: the last good material stays in use.
/// </summary>
public sealed class TrustReloader : IDisposable
{
    private readonly string? _folder;
    private readonly ILogger _logger;
    private readonly Timer? _poll;
    private readonly FileSystemWatcher? _watcher;
    private DateTime _lastWrite;
    private TrustMaterial _current;
    private int _generation;

    /// <summary>Watches <paramref name="folder"/> (polled every <paramref name="pollInterval"/>, and on file events).</summary>
    public TrustReloader(string folder, ILogger logger, TimeSpan? pollInterval = null)
    {
        _folder = folder;
        _logger = logger;
        _current = TrustMaterial.Load(folder);
        _lastWrite = LastWrite(folder);
        var interval = pollInterval ?? TimeSpan.FromSeconds(5);
        _poll = new Timer(_ => Refresh(), null, interval, interval);
        try
        {
            _watcher = new FileSystemWatcher(folder) { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName, EnableRaisingEvents = true };
            _watcher.Changed += (_, _) => Refresh();
            _watcher.Created += (_, _) => Refresh();
            _watcher.Renamed += (_, _) => Refresh();
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            _logger.LogInformation("Not watching {Folder} for changes ({Reason}); polling only.", folder, e.Message);
        }
    }

    /// <summary>Fixed material that never changes (tests, embedded use).</summary>
    public TrustReloader(TrustMaterial material, ILogger logger)
    {
        _current = material;
        _logger = logger;
    }

    /// <summary>The material new handshakes use.</summary>
    public TrustMaterial Current => Volatile.Read(ref _current);

    /// <summary>Increases each time new material is taken into use.</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>Raised after new material is taken into use.</summary>
    public event Action<TrustMaterial>? Changed;

    /// <summary>Re-reads the folder when its files changed since the last read.</summary>
    public void Refresh()
    {
        if (_folder is null)
            return;
        lock (this)
        {
            var lastWrite = LastWrite(_folder);
            if (lastWrite == _lastWrite)
                return;
            try
            {
                var material = TrustMaterial.Load(_folder);
                _lastWrite = lastWrite;
                if (material.Certificate.Thumbprint == _current.Certificate.Thumbprint && material.Bundle.Count == _current.Bundle.Count)
                    return;
                Volatile.Write(ref _current, material);
                Interlocked.Increment(ref _generation);
                _logger.LogInformation("Trust material reloaded: {Identity}, valid until {NotAfter:u}.", material.Identity, material.NotAfter);
            }
            catch (Exception e) when (e is TrustMaterialException or IOException or System.Security.Cryptography.CryptographicException)
            {
                // Often a rotation caught half-way (key written, certificate not yet): try again on the next event.
                _logger.LogWarning("Trust material in {Folder} not reloaded: {Reason}", _folder, e.Message);
                return;
            }
        }
        Changed?.Invoke(Current);
    }

    private static DateTime LastWrite(string folder) =>
        new[] { TrustMaterial.BundleFile, TrustMaterial.CertificateFile, TrustMaterial.KeyFile }
            .Select(f => Path.Combine(folder, f))
            .Select(p => File.Exists(p) ? File.GetLastWriteTimeUtc(p) : DateTime.MinValue)
            .Max();

    /// <inheritdoc />
    public void Dispose()
    {
        _poll?.Dispose();
        _watcher?.Dispose();
    }
}
