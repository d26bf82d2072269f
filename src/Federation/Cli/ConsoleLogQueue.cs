using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace MeshFed.Federation.Cli;

/// <summary>
/// The console logger of a running gateway never blocks the thread that logs. Its queue is bounded (2,500
/// messages by default) and, by default, a full queue makes the logging thread wait until the console drains
/// (<c>ConsoleLoggerQueueFullMode.Wait</c>). A gateway logs on the data path (YARP warns once per failed
/// request), and with socket completions on the event thread (<see cref="SocketCompletions"/>) that thread may
/// be the one logging: a slow standard output would then stall every connection of the process. With
/// <c>DropWrite</c> a full queue drops the message instead, and the logger writes how many it dropped once it has
/// room again, so the loss is visible. Documentation:
/// https://learn.microsoft.com/dotnet/api/microsoft.extensions.logging.console.consoleloggeroptions.queuefullmode
/// </summary>
internal static class ConsoleLogQueue
{
    /// <summary>Sets the console logger's full-queue behaviour to dropping (counted) instead of waiting.</summary>
    public static ILoggingBuilder NeverBlock(this ILoggingBuilder builder)
    {
        builder.AddConsole(o => o.QueueFullMode = ConsoleLoggerQueueFullMode.DropWrite);
        return builder;
    }
}
