using MeshFed.Federation.Cli;

namespace MeshFed.Federation.Tests.Cli;

// The switch is process-wide; these tests only read and restore it (the runtime read it long before, when this
// process made its first socket, so nothing here changes how sockets behave).
[Collection(nameof(SocketCompletionsTests))]
public sealed class SocketCompletionsTests
{
    [Fact]
    public void Unset_TurnsInlineCompletionsOn()
    {
        WithVariable(null, () =>
        {
            SocketCompletions.InlineUnlessConfigured();
            Assert.Equal("1", Environment.GetEnvironmentVariable(SocketCompletions.Variable));
        });
    }

    [Fact]
    public void AValueInTheEnvironment_Wins()
    {
        WithVariable("0", () =>
        {
            SocketCompletions.InlineUnlessConfigured();
            Assert.Equal("0", Environment.GetEnvironmentVariable(SocketCompletions.Variable));
        });
    }

    private static void WithVariable(string? value, Action test)
    {
        var before = Environment.GetEnvironmentVariable(SocketCompletions.Variable);
        Environment.SetEnvironmentVariable(SocketCompletions.Variable, value);
        try
        {
            test();
        }
        finally
        {
            Environment.SetEnvironmentVariable(SocketCompletions.Variable, before);
        }
    }
}
