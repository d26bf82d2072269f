using System.Diagnostics.CodeAnalysis;
using MeshFed.Federation.Cli;

namespace MeshFed.Federation.Signals.Sources;

/// <summary><c>--endpoint-url</c> for the cloud sources: absent, or an absolute URL (anything else is a usage error, not a crash).</summary>
internal static class EndpointOverride
{
    /// <summary>False, with the refusal, when <paramref name="text"/> is given and is not an absolute URL.</summary>
    public static bool TryParse(string? text, out Uri? endpoint, [NotNullWhen(false)] out SignalSourceOpening? refused)
    {
        endpoint = null;
        refused = null;
        if (text is null || Uri.TryCreate(text, UriKind.Absolute, out endpoint))
            return true;
        refused = SignalSourceOpening.Refused($"--endpoint-url '{text}' is not an absolute URL", ExitCodes.Usage);
        return false;
    }
}
