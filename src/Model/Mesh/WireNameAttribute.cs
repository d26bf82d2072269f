namespace MeshFed.Model;

/// <summary>The word a manifest uses for an enum member (e.g. <c>least-request</c>).</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class WireNameAttribute(string name) : Attribute
{
    /// <summary>The manifest spelling.</summary>
    public string Name { get; } = name;
}
