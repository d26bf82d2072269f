namespace MeshFed.Model;

/// <summary>The TCP port numbers a manifest may name (a site gateway's port, a service's ports).</summary>
public static class PortNumbers
{
    /// <summary>The lowest port (0 means "any" to a socket API, never a port to call).</summary>
    public const int Min = 1;

    /// <summary>The highest port.</summary>
    public const int Max = 65535;
}
