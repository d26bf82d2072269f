namespace MeshFed.Federation.Analysis;

/// <summary>
/// Stable codes of <c>meshfed analyze</c> (MF7xx: the rendered federation would not carry traffic as the
/// manifest says). docs/analyze.md has the table of code, rule and the documentation each rule rests on.
/// Codes are never reused for a different meaning.
/// </summary>
internal static class AnalysisCodes
{
    /// <summary>A gateway port is one the site mesh's proxy binds beside it.</summary>
    public const string ReservedPort = "MF700";
    /// <summary>A name the path dials is created by no rendered object and no deployment.</summary>
    public const string NameUnresolved = "MF701";
    /// <summary>The destination has no such port.</summary>
    public const string PortMissing = "MF702";
    /// <summary>HTTP/2 or gRPC is sent to a port the proxy treats as HTTP/1.1 (trailers are lost).</summary>
    public const string ProtocolDowngrade = "MF703";
    /// <summary>App Mesh route type, router listener and virtual node listener protocols disagree.</summary>
    public const string AppMeshProtocolMismatch = "MF704";
    /// <summary>An App Mesh route of a router with several listeners has no port match.</summary>
    public const string AppMeshPortMatch = "MF705";
    /// <summary>Plaintext is sent into a listener that requires mTLS.</summary>
    public const string PlaintextIntoStrict = "MF706";
    /// <summary>Istio mTLS is originated to workloads that have no sidecar to terminate it.</summary>
    public const string MutualIntoPlain = "MF707";
    /// <summary>The Istio rendering needs the gateway to be a mesh workload, and it is not.</summary>
    public const string GatewayNotMeshWorkload = "MF708";
    /// <summary>A policy needs the caller's identity, and the caller's site cannot present one.</summary>
    public const string NoCallerIdentity = "MF709";
    /// <summary>A VirtualService with no http, tcp or tls route (rejected by Istio's validation).</summary>
    public const string EmptyVirtualService = "MF710";
    /// <summary>A route timeout is cut shorter by another layer's default.</summary>
    public const string TimeoutCut = "MF711";
    /// <summary>The mesh retries a destination that is the gateway, which retries too.</summary>
    public const string LayeredRetries = "MF712";
    /// <summary>A certificate source the platform does not provide.</summary>
    public const string CertificateSource = "MF713";
    /// <summary>A route target of the manifest has no rendered destination (it disappears silently).</summary>
    public const string TargetNotRendered = "MF714";
    /// <summary>The serving site has no entry for requests the gateway delivers (pinned route, gateway route).</summary>
    public const string NoServingEntry = "MF715";
    /// <summary>The serving site's authorization policy does not admit the gateway.</summary>
    public const string PolicyDeniesGateway = "MF716";
    /// <summary>The gateway pod's sidecar is not told how to treat the federation port and the local listener (no PeerAuthentication for the gateway workload).</summary>
    public const string GatewayPeerAuthentication = "MF717";
    /// <summary>A remote-only service's ServiceEntry has no addresses: callers resolve its name only with Istio's DNS proxying and address auto-allocation.</summary>
    public const string RemoteHostNeedsDnsCapture = "MF718";
    /// <summary>A rendered localityLbSetting names a region this cluster's registry holds no endpoints of: it cannot act.</summary>
    public const string FailoverCannotAct = "MF719";
    /// <summary>On managed Cloud Service Mesh, a JWKS host has no ServiceEntry (DNS) and DestinationRule (TLS SIMPLE): RequestAuthentication fails closed.</summary>
    public const string JwksHostUnknown = "MF720";
    /// <summary>An allow rule names a federation gateway ID, rendered as an Istio principal no workload presents.</summary>
    public const string GatewayIdAsPrincipal = "MF721";
    /// <summary>An Istio principal is written in a trust domain that is not the site's mesh trust domain.</summary>
    public const string PrincipalTrustDomain = "MF722";
    /// <summary>A service served to other sites hashes on the source IP, which is the gateway's for every cross-site request.</summary>
    public const string SourceIpHash = "MF723";
    /// <summary>The gateway's hop 3 does not carry the Host the serving mesh routes on (the service's FQDN).</summary>
    public const string HostNotNormalised = "MF724";

    /// <summary>App Mesh TLS validation with no subjectAlternativeNames: SPIFFE certificates fail (client side) or any caller is admitted (listener side).</summary>
    public const string AppMeshSanMissing = "MF727";
    /// <summary>Circuit-breaker limits of the manifest that the rendered App Mesh connection pool drops without the render saying so.</summary>
    public const string ConnectionPoolDropped = "MF728";
    /// <summary>A multi-port service's mesh route to the gateway does not carry the port (x-meshfed-port).</summary>
    public const string PortNotCarried = "MF729";
    /// <summary>A rendered route leaves a retry or timeout default that differs from the other sites of the path.</summary>
    public const string DefaultDiffers = "MF730";
    /// <summary>A Lattice service is not associated with the mesh's service network, or the network not with the site's VPC.</summary>
    public const string LatticeNotAssociated = "MF731";
    /// <summary>A Lattice listener, target group or the gateway's delivery speaks another protocol than the port (gRPC through HTTP/1).</summary>
    public const string LatticeProtocolMismatch = "MF732";
    /// <summary>A Lattice target group's port is not the port its targets listen on, or the gateway module registers nothing in it.</summary>
    public const string LatticeTargetPort = "MF733";
    /// <summary>A Lattice auth policy (or its absence under AWS_IAM) refuses the meshfed gateway's role.</summary>
    public const string LatticeAuthDeniesGateway = "MF734";
    /// <summary>A TCP port of a service callers on a Lattice site need: Lattice has no TCP listener.</summary>
    public const string LatticeTcpPort = "MF735";
    /// <summary>A Lattice quota the rendered inputs exceed (rules per listener, target groups per service, ...).</summary>
    public const string LatticeQuota = "MF736";
    /// <summary>A Lattice listener rule is never reached for the path: an earlier rule (lower priority) takes its requests.</summary>
    public const string LatticeRuleShadowed = "MF737";
    /// <summary>A rendered Lattice file is not a valid input of its operation.</summary>
    public const string LatticeInputInvalid = "MF738";
}
