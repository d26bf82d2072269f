namespace MeshFed.Federation.Cli;

/// <summary>
/// Runs socket completions on the runtime's event thread instead of handing each one to the thread pool: the
/// gateway's continuations after a socket read (HttpClient's HTTP/2 frame loop, SslStream's decrypt, YARP's body
/// copy) are short and never block, so the hop through the pool only adds a thread wake-up per completion. In
/// bench/gateway/run.sh this cut the gateways' CPU per 64 KB request by 17 % and lowered the paced p99
/// (bench/README.md, "Levers tried"). Kestrel keeps dispatching request handling to the pool (its own
/// scheduler), so the gateway's request code does not run on the event thread.
/// </summary>
/// <remarks>
/// The runtime reads only an environment variable, once, when the first socket is made
/// (<c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS</c>, SocketAsyncEngine.Unix.cs; Kestrel's
/// <c>SocketTransportOptions.UnsafePreferInlineScheduling</c> documentation recommends it), so the process sets it
/// for itself before anything else runs. A value already in the environment wins: <c>=0</c> turns it off.
/// </remarks>
internal static class SocketCompletions
{
    /// <summary>The runtime's switch.</summary>
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Sets <see cref="Variable"/> to 1 unless the environment already has a value for it.</summary>
    public static void InlineUnlessConfigured()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
            Environment.SetEnvironmentVariable(Variable, "1");
    }
}
