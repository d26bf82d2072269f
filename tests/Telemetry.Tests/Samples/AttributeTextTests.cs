using MeshFed.Telemetry;

namespace MeshFed.Telemetry.Tests.Samples;

/// <summary>Attribute values as the text-only sinks receive them: arrays as JSON text, never a type's name.</summary>
public sealed class AttributeTextTests
{
    public static TheoryData<object?, string> Values => new()
    {
        { "plain", "plain" },
        { 42, "42" },
        { 0.1, "0.1" },
        { true, "True" }, // the scalar as .NET writes it, as before arrays were handled
        { null, "" },
        { new[] { "a", "é\"<>" }, """["a","é\"<>"]""" },
        { new long[] { long.MaxValue, -1 }, "[9223372036854775807,-1]" },
        { new ulong[] { ulong.MaxValue }, "[18446744073709551615]" },
        { new[] { 1.5, double.PositiveInfinity, double.NaN }, """[1.5,"Infinity","NaN"]""" },
        { new object?[] { null, false, 2.5m, new[] { 1, 2 } }, """[null,false,2.5,"[1,2]"]""" },
        { Array.Empty<string>(), "[]" },
    };

    [Fact]
    public void Of_NeverThrows_ItSaysWhatCouldNotBeWritten()
    {
        Assert.Equal("(Unwritable: ToString threw InvalidOperationException)", AttributeText.Of(new Unwritable()));
        Assert.Equal("(Unlistable: enumeration threw InvalidOperationException)", AttributeText.Of(new Unlistable()));
        Assert.Equal("""["(Unwritable: ToString threw InvalidOperationException)"]""", AttributeText.Of(new[] { new Unwritable() }));
    }

    private sealed class Unwritable
    {
        public override string ToString() => throw new InvalidOperationException();
    }

    private sealed class Unlistable : System.Collections.IEnumerable
    {
        public System.Collections.IEnumerator GetEnumerator() => throw new InvalidOperationException();
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void Of_WritesScalarsAsText_AndArraysAsTheirJson(object? value, string expected) => Assert.Equal(expected, AttributeText.Of(value));
}
