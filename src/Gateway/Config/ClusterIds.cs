using MeshFed.Model;

namespace MeshFed.Gateway.Config;

/// <summary>Names of the YARP clusters the gateway builds: stable across reloads, so YARP keeps their connections.</summary>
public static class ClusterIds
{
    /// <summary>The placeholder every request starts on until the router picks its real cluster.</summary>
    public const string Unrouted = "unrouted";

    /// <summary>Another site's gateway, for one service.</summary>
    public static string Remote(Service service, string site) => $"site/{service.Host}/{site}";

    /// <summary>One version of a service in this site, on one port.</summary>
    public static string Local(Service service, string version, int port) => $"local/{service.Host}/{version}/{port}";
}
