using MeshFed.Federation.Up;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// One loopback federation shared by the tests of a class (<c>IClassFixture</c>) that only send requests to it and
/// reconfigure nothing: each federation costs trust issuance and nine web applications, so starting one per test
/// was most of the suite's time (aesthetics review, 2026-12-02). Tests that stop gateways, change workloads, files
/// or options start their own.
/// </summary>
public abstract class SharedFederation : IAsyncLifetime
{
    private TestFederation? _federation;

    /// <summary>The manifest text of the federation.</summary>
    protected abstract string Mesh { get; }

    /// <summary>How the federation runs (null: <see cref="TestFederation"/>'s defaults).</summary>
    protected virtual LocalFederationOptions? Options => null;

    /// <summary>The running federation.</summary>
    public TestFederation Federation => _federation ?? throw new InvalidOperationException("the shared federation has not started");

    /// <inheritdoc />
    public async Task InitializeAsync() => _federation = await TestFederation.StartAsync(Mesh, Options);

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        if (_federation is not null)
            await _federation.DisposeAsync();
    }
}
