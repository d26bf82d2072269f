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

    public static TheoryData<object, object?> Scalars => new()
    {
        { true, true },
        { (sbyte)-3, -3L }, { (ushort)7, 7L }, { uint.MaxValue, 4294967295L }, { 5UL, 5L }, { ulong.MaxValue, ulong.MaxValue },
        { 2.5f, 2.5 }, { 2.5m, 2.5 }, { double.NaN, null }, { float.PositiveInfinity, null },
        { "42", null }, { new[] { 1 }, null },
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void JsonScalar_IsOneRuleForEveryNumericType(object value, object? expected)
    {
        // X-Ray's annotations and metadata, Cloud Trace's integers and the arrays' JSON each had their own list of
        // numeric types, and they differed at the edges (sbyte, ushort, uint, decimal): one place decides now.
        Assert.Equal(expected, AttributeText.JsonScalar(value));
    }

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
