namespace MeshFed.Federation.Cli;

/// <summary>What <c>meshfed</c> returns to the shell. Documented in README.md and <c>meshfed --help</c>.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked (warnings may have been printed).</summary>
    public const int Success = 0;

    /// <summary>The input (manifest, files) is invalid; the errors were printed with their positions.</summary>
    public const int InvalidInput = 1;

    /// <summary>The command line itself is wrong (unknown command or option, missing argument).</summary>
    public const int Usage = 2;
}
