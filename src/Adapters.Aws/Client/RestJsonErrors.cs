namespace MeshFed.Adapters.Aws.Client;

/// <summary>
/// How one AWS API's failures become its own exception type (<see cref="AppMeshException"/>,
/// <c>LatticeException</c>), for <see cref="RestJsonTransport"/>: which are retried, and the exception for a
/// transport failure, for a success whose body is not a JSON object, and for an error answer.
/// </summary>
/// <param name="IsRetryable">True for the failures worth another attempt (throttling, 5xx, transport).</param>
/// <param name="Transport">The request never got an answer: (method, URI, cause).</param>
/// <param name="NotJson">A 2xx whose body is not a JSON object: (method, URI, status, excerpt of the body).</param>
/// <param name="FromResponse">An error answer: (method, URI, status, the <c>x-amzn-ErrorType</c> header, the body's <c>__type</c>, the body when it is a JSON object, an excerpt of the body).</param>
internal sealed record RestJsonErrors(
    Func<Exception, bool> IsRetryable,
    Func<HttpMethod, Uri, Exception, Exception> Transport,
    Func<HttpMethod, Uri, int, string, Exception> NotJson,
    Func<HttpMethod, Uri, int, string?, string?, System.Text.Json.Nodes.JsonObject?, string, Exception> FromResponse);
