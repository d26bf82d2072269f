namespace MeshFed.Federation.Cli;

/// <summary>How a command prints its result.</summary>
public enum OutputFormat
{
    /// <summary>For people: one line per finding, with the offending source line.</summary>
    Text,

    /// <summary>For machines: one JSON document on stdout.</summary>
    Json,
}
