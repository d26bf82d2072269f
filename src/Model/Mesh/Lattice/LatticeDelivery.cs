namespace MeshFed.Model;

/// <summary>
/// Where the meshfed gateway of a Lattice site delivers a request for one service port: the Lattice service's
/// custom domain name on the listener's scheme and port, signed with SigV4 for <c>vpc-lattice-svcs</c>.
/// </summary>
/// <param name="Scheme"><c>http</c> or <c>https</c> (TLS to Lattice, with SNI and Host = <paramref name="Host"/>).</param>
/// <param name="Host">The Lattice service's custom domain name: the service's mesh host.</param>
/// <param name="Port">The listener port: the service port.</param>
/// <param name="ServiceName">The Lattice service's name (what its auth policy and IAM resources are found by).</param>
public sealed record LatticeDelivery(string Scheme, string Host, int Port, string ServiceName)
{
    /// <summary>The base URI the gateway sends to (<c>http://orders.shop.svc.cluster.local:8080</c>).</summary>
    public Uri BaseUri => new($"{Scheme}://{Host}:{Port}");
}
