namespace MeshFed.Model;

/// <summary>Whether a service accepts plaintext from inside its mesh.</summary>
public enum MtlsMode
{
    /// <summary>Only mutual TLS.</summary>
    [WireName("strict")] Strict,
    /// <summary>Mutual TLS and plaintext (for migrations).</summary>
    [WireName("permissive")] Permissive,
}
