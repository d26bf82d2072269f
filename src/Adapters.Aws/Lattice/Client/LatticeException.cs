namespace MeshFed.Adapters.Aws.Lattice.Client;

/// <summary>
/// A VPC Lattice API call that failed for good (after the retries it deserved): the API's error code
/// (<c>ConflictException</c>, <c>ValidationException</c>, …, the Smithy model's error shapes) and message.
/// Carries nothing of the request, so no credential can leak through it.
/// </summary>
public sealed class LatticeException(string code, int statusCode, string message, Exception? inner = null)
    : Exception($"VPC Lattice {code} ({statusCode}): {message}", inner)
{
    /// <summary>Transport failures (no answer) carry this code.</summary>
    public const string TransportCode = "Transport";

    /// <summary>The error code, as the API names it, or <see cref="TransportCode"/>.</summary>
    public string Code { get; } = code;

    /// <summary>The HTTP status (0 when no answer came).</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>The resource does not exist.</summary>
    public bool IsNotFound => Code == "ResourceNotFoundException" || StatusCode == 404;

    /// <summary>
    /// Throttling (<c>ThrottlingException</c>, 429), server faults (<c>InternalServerException</c>, 5xx) and transport
    /// failures: trying again later may succeed. Everything else (validation, conflict, access, quota) is final.
    /// </summary>
    public bool IsRetryable => Code is "ThrottlingException" or "InternalServerException" or TransportCode
        || StatusCode == 429 || StatusCode is >= 500 and < 600;

    /// <summary>Maps an error response: the code from <c>x-amzn-ErrorType</c> or the body's <c>__type</c> (restJson1 error serialization).</summary>
    public static LatticeException FromResponse(int status, string? errorTypeHeader, string? bodyType, string? message)
    {
        // "aws.protocols#restJson1": the type may carry a namespace (com.amazonaws.vpclattice#ConflictException)
        // and, in the header, a suffix after ':' (smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html#operation-error-serialization).
        var code = (errorTypeHeader ?? bodyType ?? "").Split(':')[0].Split('#')[^1];
        if (code.Length == 0)
            code = $"HTTP{status}";
        return new LatticeException(code, status, string.IsNullOrEmpty(message) ? code : message);
    }
}
