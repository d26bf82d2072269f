using System.Text.Json.Nodes;

namespace MeshFed.Adapters.Aws.Lattice.Client;

/// <summary>One restJson1 request: method, path with its labels filled in, query members and the JSON body (null: none).</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, labels percent-encoded.</param>
/// <param name="Query">Query members in order.</param>
/// <param name="Body">The body's members, or null.</param>
public sealed record LatticeRequest(HttpMethod Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Query, JsonObject? Body);
