using MeshFed.Federation.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace MeshFed.Federation.Tests.Cli;

public sealed class ConsoleLogQueueTests
{
    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public void TheGatewaysConsoleLogger_DropsAndCountsInsteadOfBlocking_WhenItsQueueIsFull(string format)
    {
        using var services = new ServiceCollection().AddLogging(builder =>
        {
            if (format == "json")
                builder.AddJsonConsole();
            else
                builder.AddSimpleConsole(o => o.SingleLine = true);
            builder.NeverBlock();
        }).BuildServiceProvider();

        var options = services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;

        Assert.Equal(ConsoleLoggerQueueFullMode.DropWrite, options.QueueFullMode);
        Assert.Equal(format == "json" ? ConsoleFormatterNames.Json : ConsoleFormatterNames.Simple, options.FormatterName);
    }

    [Fact]
    public void WithoutIt_TheConsoleLoggerWaits()
    {
        using var services = new ServiceCollection().AddLogging(builder => builder.AddSimpleConsole()).BuildServiceProvider();

        Assert.Equal(ConsoleLoggerQueueFullMode.Wait, services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.QueueFullMode);
    }
}
