namespace MeshFed.Model.Diagnostics;

/// <summary>One finding about a manifest: where it is, what is wrong and how to fix it.</summary>
public sealed record Diagnostic
{
    /// <summary>Error or warning.</summary>
    public required Severity Severity { get; init; }

    /// <summary>A stable identifier (see <see cref="DiagnosticCodes"/>) that scripts can match on.</summary>
    public required string Code { get; init; }

    /// <summary>The manifest path of the offending node, e.g. <c>spec.services[0].traffic.routes[1]</c>.</summary>
    public required string Path { get; init; }

    /// <summary>What is wrong, in one sentence.</summary>
    public required string Message { get; init; }

    /// <summary>What to do about it, when there is something specific to say.</summary>
    public string? Hint { get; init; }

    /// <summary>Where in the user's files; null only for findings about the command line itself.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>The one-line form every tool prints: <c>file:line:col: error MF0000: path: message hint</c>.</summary>
    public override string ToString()
    {
        var where = Location is null ? "" : $"{Location}: ";
        var severity = Severity == Severity.Error ? "error" : "warning";
        var path = string.IsNullOrEmpty(Path) ? "" : $"{Path}: ";
        var stop = Message.EndsWith('.') || Message.EndsWith('?') ? "" : ".";
        var hint = Hint is null ? "" : $"{stop} {Hint}";
        return $"{where}{severity} {Code}: {path}{Message}{hint}";
    }
}
