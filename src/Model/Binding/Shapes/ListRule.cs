namespace MeshFed.Model.Binding.Shapes;

/// <summary>A list of values that each follow <see cref="Item"/>.</summary>
internal sealed record ListRule(ValueRule Item) : ValueRule
{
    /// <summary>The fewest items (1: "needs at least one item").</summary>
    public int MinItems { get; init; }

    /// <summary>The most items, when limited (checked by a validator; named here for the schema).</summary>
    public int? MaxItems { get; init; }

    /// <summary>No item twice (checked by a validator).</summary>
    public bool UniqueItems { get; init; }

    /// <summary>A field every item must have once the list holds two or more (a route's <c>weight</c> in a split).</summary>
    public string? RequiredWhenSeveral { get; init; }
}
