namespace MeshFed.Adapters.Aws.Client;

/// <summary>The errors of the App Mesh API (Smithy model app-mesh-2019-01-25), plus transport failures.</summary>
public enum AppMeshErrorType
{
    /// <summary>400: the request is malformed or the spec is invalid. Not retried.</summary>
    BadRequest,
    /// <summary>400: an account limit was reached. Not retried.</summary>
    LimitExceeded,
    /// <summary>400: too many tags. Not retried.</summary>
    TooManyTags,
    /// <summary>403: the credentials may not do this. Not retried.</summary>
    Forbidden,
    /// <summary>404: no such resource. Not retried.</summary>
    NotFound,
    /// <summary>409: a resource with this name exists with different input, or a concurrent change. Not retried.</summary>
    Conflict,
    /// <summary>409 on delete: other resources still refer to it. Not retried.</summary>
    ResourceInUse,
    /// <summary>429: throttled. Retried with backoff.</summary>
    TooManyRequests,
    /// <summary>500. Retried with backoff.</summary>
    InternalServerError,
    /// <summary>503. Retried with backoff.</summary>
    ServiceUnavailable,
    /// <summary>The connection failed or timed out before an answer. Retried with backoff.</summary>
    Transport,
    /// <summary>Any other status. Not retried.</summary>
    Other,
}
