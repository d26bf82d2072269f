namespace MeshFed.Adapters.Aws.Client;

/// <summary>An App Mesh API call that failed for good (after the retries it deserved).</summary>
public sealed class AppMeshException(AppMeshErrorType type, int statusCode, string message, Exception? inner = null)
    : Exception($"App Mesh {type} ({statusCode}): {message}", inner)
{
    /// <summary>The error, as the API names it.</summary>
    public AppMeshErrorType Type { get; } = type;

    /// <summary>The HTTP status (0 when no answer came).</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>True for throttling, 5xx and transport failures: trying again later may succeed.</summary>
    public bool IsRetryable => Type is AppMeshErrorType.TooManyRequests or AppMeshErrorType.InternalServerError
        or AppMeshErrorType.ServiceUnavailable or AppMeshErrorType.Transport;

    /// <summary>Maps an error response: the type from <c>x-amzn-ErrorType</c> (or the body's <c>__type</c>).</summary>
    public static AppMeshException FromResponse(int status, string? errorTypeHeader, string? bodyType, string? message)
    {
        var name = (errorTypeHeader ?? bodyType ?? "").Split(':')[0].Split('#')[^1];
        var type = name switch
        {
            "BadRequestException" => AppMeshErrorType.BadRequest,
            "LimitExceededException" => AppMeshErrorType.LimitExceeded,
            "TooManyTagsException" => AppMeshErrorType.TooManyTags,
            "ForbiddenException" => AppMeshErrorType.Forbidden,
            "NotFoundException" => AppMeshErrorType.NotFound,
            "ConflictException" => AppMeshErrorType.Conflict,
            "ResourceInUseException" => AppMeshErrorType.ResourceInUse,
            "TooManyRequestsException" => AppMeshErrorType.TooManyRequests,
            "InternalServerErrorException" => AppMeshErrorType.InternalServerError,
            "ServiceUnavailableException" => AppMeshErrorType.ServiceUnavailable,
            _ => status switch
            {
                404 => AppMeshErrorType.NotFound,
                429 => AppMeshErrorType.TooManyRequests,
                500 => AppMeshErrorType.InternalServerError,
                502 or 503 or 504 => AppMeshErrorType.ServiceUnavailable,
                >= 500 and < 600 => AppMeshErrorType.InternalServerError, // a server's fault: worth another try
                _ => AppMeshErrorType.Other,
            },
        };
        return new AppMeshException(type, status, string.IsNullOrEmpty(message) ? name : message);
    }
}
