using MeshFed.Federation.Cli;

namespace MeshFed.Federation.Signals.Sources;

/// <summary>An opened <see cref="ISignalSource"/> (with what it holds open), or why none could be opened and the exit code.</summary>
public sealed record SignalSourceOpening : IDisposable
{
    /// <summary>The source, or null when <see cref="Error"/> says why not.</summary>
    public ISignalSource? Source { get; private init; }

    /// <summary>What the source holds open (a store file), disposed with this opening.</summary>
    public IDisposable? Owned { get; private init; }

    /// <summary>Why the source cannot be opened (after <c>meshfed: </c>), or null.</summary>
    public string? Error { get; private init; }

    /// <summary>The exit code for <see cref="Error"/>.</summary>
    public int ExitCode { get; private init; } = ExitCodes.Success;

    /// <summary>An opened source.</summary>
    public static SignalSourceOpening Opened(ISignalSource source, IDisposable? owned = null) => new() { Source = source, Owned = owned };

    /// <summary>A source that cannot be opened: <paramref name="error"/>, exiting with <paramref name="exitCode"/>.</summary>
    public static SignalSourceOpening Refused(string error, int exitCode) => new() { Error = error, ExitCode = exitCode };

    /// <inheritdoc/>
    public void Dispose() => Owned?.Dispose();
}
