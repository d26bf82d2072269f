using MeshFed.Model.Diagnostics;

namespace MeshFed.Model.Yaml;

/// <summary>A scalar with its text and its resolved YAML 1.2 core-schema type.</summary>
public sealed class ScalarNode : ManifestNode
{
    /// <summary>Creates a scalar.</summary>
    public ScalarNode(string value, ScalarKind kind, SourceLocation location)
        : base(location)
    {
        Value = value;
        Kind = kind;
    }

    internal ScalarNode(string value, ScalarKind kind, string file, int line, int column)
        : base(file, line, column)
    {
        Value = value;
        Kind = kind;
    }

    /// <summary>The scalar's text as written (after YAML unescaping and folding).</summary>
    public string Value { get; }

    /// <summary>The resolved type.</summary>
    public ScalarKind Kind { get; }

    /// <inheritdoc />
    public override long ExpandedSize => 1;

    /// <inheritdoc />
    public override int Height => 0;

    /// <inheritdoc />
    public override string Describe() => Kind switch
    {
        ScalarKind.Null => "nothing (null)",
        ScalarKind.Boolean => $"the boolean {Value}",
        ScalarKind.Integer => $"the number {Value}",
        ScalarKind.Float => $"the number {Value}",
        _ => "a string",
    };
}
