namespace MeshFed.Federation.Analysis;

/// <summary>App Mesh resource types as the analyzer names them (the API's resource names).</summary>
internal static class AppMeshKinds
{
    public const string Mesh = "Mesh";
    public const string VirtualNode = "VirtualNode";
    public const string VirtualRouter = "VirtualRouter";
    public const string Route = "Route";
    public const string VirtualService = "VirtualService";
    public const string VirtualGateway = "VirtualGateway";
    public const string GatewayRoute = "GatewayRoute";
}
