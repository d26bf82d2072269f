namespace MeshFed.Model;

/// <summary>How a route matches the request path.</summary>
public enum PathMatchKind
{
    /// <summary><c>path</c>: equal to the value.</summary>
    [WireName("path")] Exact,
    /// <summary><c>pathPrefix</c>: starts with the value.</summary>
    [WireName("pathPrefix")] Prefix,
    /// <summary><c>pathRegex</c>: RE2 over the whole path.</summary>
    [WireName("pathRegex")] Regex,
}
