using System.Text;
using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.Lattice;
using MeshFed.Adapters.Aws.Lattice.Api;
using MeshFed.Model;

namespace MeshFed.Federation.Analysis.Lattice;

/// <summary>
/// How a Lattice site's <c>api/</c> files are kept as rendered documents: the file <c>api/NNN-&lt;operation&gt;-&lt;name&gt;.json</c>
/// (as <c>meshfed render --target vpc-lattice</c> writes it), kind the operation's name (<c>CreateService</c>), name
/// the file's label. A file is told from an App Mesh one (same folder name) by its operation word.
/// </summary>
internal static class LatticeDocuments
{
    /// <summary>The folder of the API inputs.</summary>
    public const string ApiFolder = "api";

    /// <summary>The folder of the Gateway API objects.</summary>
    public const string GatewayApiFolder = "gateway-api";

    /// <summary>The rendered document of <paramref name="resource"/>, the <paramref name="index"/>-th call of <paramref name="site"/>.</summary>
    public static RenderedDocument From(string site, LatticeResource resource, int index) =>
        new(site, $"{ApiFolder}/{resource.FileName(index)}", resource.Operation.ToString(), resource.Label, null, Json.Element(Encoding.UTF8.GetBytes(resource.ToJson())));

    /// <summary>
    /// The document of a file read from <c>api/</c>, or null when its name is not <c>NNN-&lt;lattice operation&gt;-&lt;label&gt;.json</c>
    /// (an App Mesh input).
    /// </summary>
    public static RenderedDocument? FromFile(string site, string fileName, JsonObject body)
    {
        var dash = fileName.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0 || !fileName.EndsWith(".json", StringComparison.Ordinal))
            return null;
        var rest = fileName[(dash + 1)..^".json".Length];
        // The longest operation word first: create-service-network-vpc-association before create-service.
        foreach (var word in WireNames<LatticeOperation>.All.OrderByDescending(w => w.Length))
        {
            if (rest.StartsWith(word + "-", StringComparison.Ordinal) && WireNames<LatticeOperation>.TryParse(word, out var operation))
                return new RenderedDocument(site, $"{ApiFolder}/{fileName}", operation.ToString(), rest[(word.Length + 1)..], null, body);
        }
        return null;
    }

    /// <summary>The operation a document is the input of, or null when it is no Lattice input.</summary>
    public static LatticeOperation? OperationOf(RenderedDocument document) =>
        // The kind first: a rendered Kubernetes object's file name is made only when asked for.
        Enum.TryParse<LatticeOperation>(document.Kind, out var operation) && document.File.StartsWith(ApiFolder + "/", StringComparison.Ordinal) ? operation : null;

    /// <summary>The input type of <paramref name="operation"/>.</summary>
    public static Type InputType(LatticeOperation operation) => operation switch
    {
        LatticeOperation.CreateServiceNetwork => typeof(CreateServiceNetworkInput),
        LatticeOperation.CreateServiceNetworkVpcAssociation => typeof(CreateServiceNetworkVpcAssociationInput),
        LatticeOperation.CreateTargetGroup => typeof(CreateTargetGroupInput),
        LatticeOperation.RegisterTargets => typeof(RegisterTargetsInput),
        LatticeOperation.CreateService => typeof(CreateServiceInput),
        LatticeOperation.CreateServiceNetworkServiceAssociation => typeof(CreateServiceNetworkServiceAssociationInput),
        LatticeOperation.CreateListener => typeof(CreateListenerInput),
        LatticeOperation.CreateRule => typeof(CreateRuleInput),
        LatticeOperation.PutAuthPolicy => typeof(PutAuthPolicyInput),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };
}
