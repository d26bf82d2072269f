namespace MeshFed.Federation.Signals.Sources;

/// <summary>
/// One <c>meshfed signals compare --source NAME</c>: where golden signals are read back from. Providers are chosen
/// by name from <see cref="SignalSources"/>; each says what it needs (a region, a project, a store file) and opens
/// an <see cref="ISignalSource"/>.
/// </summary>
public interface ISignalSourceProvider
{
    /// <summary>The <c>--source</c> value, e.g. <c>cloudwatch</c>.</summary>
    string Name { get; }

    /// <summary>For <c>--help</c>: what is read, e.g. "the embedded store".</summary>
    string Description { get; }

    /// <summary>The source, or why it cannot be opened with what the command line gave.</summary>
    SignalSourceOpening Open(SignalSourceContext context);
}
