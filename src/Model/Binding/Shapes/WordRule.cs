namespace MeshFed.Model.Binding.Shapes;

/// <summary>
/// One of a fixed list of words: an enum's <see cref="WireNames{TEnum}"/> (<see cref="EnumType"/> says which, so
/// the binder cannot read the field as another enum) or another vocabulary such as HTTP methods.
/// </summary>
internal sealed record WordRule(Type? EnumType, IReadOnlyList<string> Words) : ValueRule
{
    /// <summary>The words of <typeparamref name="TEnum"/>.</summary>
    public static WordRule Of<TEnum>() where TEnum : struct, Enum => new(typeof(TEnum), WireNames<TEnum>.All);

    /// <summary>An HTTP method, upper case.</summary>
    public static WordRule HttpMethod { get; } = new(null, HttpNames.Methods);
}
