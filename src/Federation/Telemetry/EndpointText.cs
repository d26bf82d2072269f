namespace MeshFed.Federation.Telemetry;

/// <summary>
/// An endpoint URL as it may appear in a log: scheme, host, port and path only. User info
/// (<c>user:token@</c>) and the query (<c>?api_key=…</c>) are where collectors' credentials travel, and logs
/// are read by more people than the secret store (E15).
/// </summary>
public static class EndpointText
{
    /// <summary>The URL without user info and query.</summary>
    public static string Redacted(Uri endpoint)
    {
        if (!endpoint.IsAbsoluteUri)
            return "(relative endpoint)";
        var text = endpoint.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        var hidden = new List<string>(2);
        if (endpoint.UserInfo.Length > 0)
            hidden.Add("user info");
        if (endpoint.Query.Length > 0)
            hidden.Add("query");
        return hidden.Count == 0 ? text : $"{text} ({string.Join(" and ", hidden)} not shown)";
    }
}
