using Google.Apis.Auth.OAuth2;

namespace MeshFed.Adapters.Gcp.Telemetry;

/// <summary>
/// OAuth2 access tokens for the Google REST APIs through Google.Apis.Auth, which caches and refreshes them.
/// Tokens are only ever put in an <c>Authorization</c> header, never logged.
/// </summary>
public static class GoogleAccessTokens
{
    /// <summary>Scope for writing metrics and reading them back (<c>monitoring</c> covers both).</summary>
    public const string MonitoringScope = "https://www.googleapis.com/auth/monitoring";

    /// <summary>Scope for writing spans.</summary>
    public const string TraceScope = "https://www.googleapis.com/auth/trace.append";

    /// <summary>Application-default credentials (GOOGLE_APPLICATION_CREDENTIALS, gcloud's ADC file, the metadata server), resolved on first use.</summary>
    public static Func<CancellationToken, Task<string>> ApplicationDefault(params string[] scopes)
    {
        var credential = new Lazy<Task<GoogleCredential>>(async () => (await GoogleCredential.GetApplicationDefaultAsync()).CreateScoped(scopes));
        return async token => await ((ITokenAccess)await credential.Value).GetAccessTokenForRequestAsync(cancellationToken: token);
    }

    /// <summary>A service-account key file (its <c>token_uri</c> says where tokens come from: tests point it at loopback).</summary>
    public static Func<CancellationToken, Task<string>> ServiceAccountFile(string path, params string[] scopes)
    {
        var credential = CredentialFactory.FromFile<ServiceAccountCredential>(path).ToGoogleCredential().CreateScoped(scopes);
        return token => ((ITokenAccess)credential).GetAccessTokenForRequestAsync(cancellationToken: token);
    }
}
