namespace MeshFed.Adapters.Aws.Client;

/// <summary>How <see cref="RestJsonTransport"/> retries: attempts in all, and the backoff's first and largest delay.</summary>
internal sealed record RestJsonRetry(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay);
