using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshFed.Gateway.Hosting;

/// <summary>
/// The gateway's logger factory, less ASP.NET Core's per-request hosting log (<c>Microsoft.AspNetCore.Hosting.Diagnostics</c>:
/// "Request starting", "Request finished"). ASP.NET Core creates an <see cref="System.Diagnostics.Activity"/> for
/// every request whenever that category is enabled at any level (<c>HostingApplicationDiagnostics.BeginRequest</c>),
/// which the gateway does not need: it traces requests itself (<see cref="Tracing.RequestTracing"/>). Kestrel's own
/// categories, where failures are logged, are untouched.
/// </summary>
internal sealed class HostingDiagnosticsSilenced(ILoggerFactory inner) : ILoggerFactory
{
    private const string HostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public ILogger CreateLogger(string categoryName) =>
        categoryName == HostingDiagnostics ? NullLogger.Instance : inner.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    // The factory is the host's to share, not this wrapper's to dispose.
    public void Dispose()
    {
    }
}
