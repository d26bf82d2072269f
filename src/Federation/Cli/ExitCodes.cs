namespace MeshFed.Federation.Cli;

/// <summary>What <c>meshfed</c> returns to the shell. Documented in README.md ("Exit codes") and <c>meshfed --help</c>.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked (warnings may have been printed).</summary>
    public const int Success = 0;

    /// <summary>The input (manifest, files, credentials at hand) is invalid; the errors were printed with their positions.</summary>
    public const int InvalidInput = 1;

    /// <summary>The command line itself is wrong (unknown command or option, missing argument).</summary>
    public const int Usage = 2;

    /// <summary>
    /// A remote call failed: a cloud API refused or did not answer (network, HTTP error, throttling after the retries).
    /// Nothing says the input is wrong; trying again later may succeed (what apply had done stays done).
    /// </summary>
    public const int RemoteFailed = 3;

    /// <summary>
    /// Stopped by Ctrl+C (SIGINT) before the work was done: 128 + 2, what shells report for a process ended by
    /// SIGINT and what System.CommandLine returns when an action does not stop in time.
    /// </summary>
    public const int Cancelled = 130;
}
