namespace MeshFed.Model.Binding.Shapes;

/// <summary>A whole number from <see cref="Min"/> to <see cref="Max"/> (both included).</summary>
internal sealed record WholeNumberRule(int Min, int Max) : ValueRule
{
    /// <summary>A TCP port number.</summary>
    public static WholeNumberRule Port { get; } = new(PortNumbers.Min, PortNumbers.Max);
}
