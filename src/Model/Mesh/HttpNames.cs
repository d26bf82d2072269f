namespace MeshFed.Model;

/// <summary>HTTP vocabulary the manifest accepts: header names and methods.</summary>
public static class HttpNames
{
    /// <summary>The JSON Schema pattern equivalent to <see cref="IsHeaderName"/>.</summary>
    public const string HeaderNamePattern = "^[a-z0-9!#$%&'*+.^_`|~-]+$";

    /// <summary>The longest header name the manifest accepts.</summary>
    public const int MaxHeaderNameLength = 256;

    /// <summary>How to fix a bad header name.</summary>
    public const string HeaderHint =
        "Header names are lowercase tokens (Istio requires lowercase; HTTP/2 sends them lowercase), e.g. x-canary.";

    /// <summary>Methods routes and allow rules may name.</summary>
    public static IReadOnlyList<string> Methods { get; } = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"];

    /// <summary>True for a lowercase RFC 9110 token of at most <see cref="MaxHeaderNameLength"/> characters.</summary>
    public static bool IsHeaderName(string value)
    {
        if (value.Length is 0 or > MaxHeaderNameLength)
            return false;
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || "!#$%&'*+.^_`|~-".Contains(c)))
                return false;
        }
        return true;
    }
}
