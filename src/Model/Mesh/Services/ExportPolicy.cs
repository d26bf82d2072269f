namespace MeshFed.Model;

/// <summary>Which sites, other than the ones it runs on, may call a service across the federation.</summary>
public sealed record ExportPolicy
{
    /// <summary>Exported to every site (the default, like Istio's <c>exportTo: ["*"]</c>).</summary>
    public static ExportPolicy Everywhere { get; } = new() { AllSites = true, Sites = [] };

    /// <summary>True when <c>"*"</c> was given (or nothing).</summary>
    public required bool AllSites { get; init; }

    /// <summary>The named sites when <see cref="AllSites"/> is false.</summary>
    public required IReadOnlyList<string> Sites { get; init; }

    /// <summary>True when callers on <paramref name="site"/> may reach the service.</summary>
    public bool Includes(string site) => AllSites || Sites.Contains(site);
}
