namespace MeshFed.Gateway.Hosting;

/// <summary>The gateway cannot serve what the manifest asks of it on this host; the message names the problem and the way out.</summary>
public sealed class GatewayStartException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GatewayStartException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public GatewayStartException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public GatewayStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
