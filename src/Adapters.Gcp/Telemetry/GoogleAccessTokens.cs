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

    /// <summary>How long a failed credential lookup is remembered before the next export looks again.</summary>
    public static readonly TimeSpan ResolveRetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Application-default credentials (GOOGLE_APPLICATION_CREDENTIALS, gcloud's ADC file, the metadata server),
    /// resolved on first use and looked up again <see cref="ResolveRetryAfter"/> after a failure.
    /// </summary>
    public static Func<CancellationToken, Task<string>> ApplicationDefault(params string[] scopes) =>
        FromResolver(async token => (await GoogleCredential.GetApplicationDefaultAsync(token).ConfigureAwait(false)).CreateScoped(scopes), ResolveRetryAfter);

    /// <summary>Tokens from a credential that <paramref name="resolve"/> finds, looked for again <paramref name="retryAfter"/> after a failure.</summary>
    public static Func<CancellationToken, Task<string>> FromResolver(Func<CancellationToken, Task<GoogleCredential>> resolve, TimeSpan retryAfter, TimeProvider? time = null)
    {
        // The lookup outlives the export that started it, so it runs on no caller's token.
        var credential = new RetryingResolution<GoogleCredential>(_ => resolve(CancellationToken.None), retryAfter, time);
        return async token => await ((ITokenAccess)await credential.GetAsync(token).WaitAsync(token).ConfigureAwait(false))
            .GetAccessTokenForRequestAsync(cancellationToken: token).ConfigureAwait(false);
    }

    /// <summary>A service-account key file (its <c>token_uri</c> says where tokens come from: tests point it at loopback).</summary>
    public static Func<CancellationToken, Task<string>> ServiceAccountFile(string path, params string[] scopes)
    {
        var credential = CredentialFactory.FromFile<ServiceAccountCredential>(path).ToGoogleCredential().CreateScoped(scopes);
        return token => ((ITokenAccess)credential).GetAccessTokenForRequestAsync(cancellationToken: token);
    }
}
