using MeshFed.Federation.Cli;

namespace MeshFed.Federation.Signals.Sources;

/// <summary>
/// Every <c>meshfed signals compare --source</c>, by name. Adding a source is one line in <see cref="All"/>:
/// <c>--source</c> accepts its name, <c>--help</c> lists it, and an unknown name is refused with these names.
/// </summary>
public static class SignalSources
{
    /// <summary>Every source, in the order <c>--help</c> lists them; the first is the default.</summary>
    public static IReadOnlyList<ISignalSourceProvider> All { get; } =
    [
        new LocalSignalSourceProvider(),
        new CloudWatchSignalSourceProvider(),
        new CloudMonitoringSignalSourceProvider(),
    ];

    /// <summary>The source when <c>--source</c> is not given.</summary>
    public static ISignalSourceProvider Default => All[0];

    /// <summary>The names <c>--source</c> accepts.</summary>
    public static IReadOnlyList<string> Names => [.. All.Select(s => s.Name)];

    /// <summary>The source called <paramref name="name"/>, or null.</summary>
    public static ISignalSourceProvider? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    /// <summary><c>--source</c>'s help: every source with what it reads.</summary>
    public static string SourceHelp() => "Where to read: " + CliOptions.Alternatives([.. All.Select(s => $"{s.Name} ({s.Description})")]) + ".";
}
