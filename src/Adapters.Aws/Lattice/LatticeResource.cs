using System.Text.Encodings.Web;
using System.Text.Json;
using MeshFed.Adapters.Aws.Lattice.Api;
using MeshFed.Model;

namespace MeshFed.Adapters.Aws.Lattice;

/// <summary>One Lattice API call of a site's rendering: the operation, a label for its file and its typed input.</summary>
/// <param name="Operation">The operation.</param>
/// <param name="Label">What the file is about (<c>orders-shop-1f0c2a9e-http-8080</c>).</param>
/// <param name="Input">The input, member for member as the API takes it.</param>
public sealed record LatticeResource(LatticeOperation Operation, string Label, LatticeInput Input)
{
    // Relaxed escaping: the auth policy is a JSON string inside the input, and '"' reads as \" rather than \u0022.
    // Nothing here is embedded in HTML, which is what the default encoder guards against.
    private static readonly LatticeJsonContext s_json = new(new System.Text.Json.JsonSerializerOptions(LatticeJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>The file name at position <paramref name="index"/> of the creation order: <c>007-create-listener-orders-shop-1f0c2a9e-http-8080.json</c>.</summary>
    public string FileName(int index) => $"{index:D3}-{WireNames<LatticeOperation>.Of(Operation)}-{Label}.json";

    /// <summary>The input as <c>--cli-input-json</c> takes it: indented, members in declaration order, ending with a newline.</summary>
    public string ToJson() => JsonSerializer.Serialize(Input, s_json.GetTypeInfo(Input.GetType())!) + "\n";
}
