namespace MeshFed.Model;

/// <summary>Where a site runs.</summary>
public enum CloudProvider
{
    /// <summary>Amazon Web Services.</summary>
    [WireName("aws")] Aws,
    /// <summary>Google Cloud.</summary>
    [WireName("gcp")] Gcp,
    /// <summary>A data centre of the user's own.</summary>
    [WireName("onprem")] OnPrem,
}
