using System.Diagnostics;
using MeshFed.Gateway.Tracing;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// The three trace headers read and written: what each parser accepts and refuses, and each format's exact text.
/// Pinned before the parsers and formatters stopped making intermediate strings, so the rewrite reads and writes
/// what the string-based code did; one difference is deliberate: a <c>traceparent</c> of version <c>FF</c> is refused
/// as <c>ff</c> always was.
/// </summary>
public sealed class TraceHeadersTests
{
    private const string Trace = "5759e988bd862e3fe1be46a994272793";
    private const string Span = "53995c3f42cd8ad8";

    [Theory]
    [InlineData("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01", true)]
    [InlineData("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-00", false)]
    [InlineData("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-03", true)] // other flag bits: sampled is bit 0
    [InlineData("00-5759E988BD862E3FE1BE46A994272793-53995C3F42CD8AD8-01", true)] // upper case read as lower case
    [InlineData("01-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01-later-fields", true)] // a later version's fields
    public void TraceParent_Read(string value, bool sampled)
    {
        var context = TraceHeaders.ParseTraceParent(value);

        Assert.NotNull(context);
        Assert.Equal(Trace, context.Value.TraceId.ToHexString());
        Assert.Equal(Span, context.Value.SpanId.ToHexString());
        Assert.Equal(sampled, context.Value.Sampled);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8")] // no flags
    [InlineData("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01-extra")] // version 00 has nothing after the flags
    [InlineData("ff-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01")] // version ff is invalid
    [InlineData("FF-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01")] // in either case
    [InlineData("0g-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01")]
    [InlineData("00-00000000000000000000000000000000-53995c3f42cd8ad8-01")] // all-zero trace id
    [InlineData("00-5759e988bd862e3fe1be46a994272793-0000000000000000-01")] // all-zero parent id
    [InlineData("00-5759e988bd862e3fe1be46a99427279x-53995c3f42cd8ad8-01")]
    [InlineData("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-0x")]
    [InlineData("00_5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01")]
    [InlineData("01-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01x")] // a later version, but no '-' before its fields
    public void TraceParent_Refused(string? value) => Assert.Null(TraceHeaders.ParseTraceParent(value));

    [Theory]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", true)]
    [InlineData("Sampled=0;Parent=53995c3f42cd8ad8;Root=1-5759e988-bd862e3fe1be46a994272793", false)]
    [InlineData(" root=1-5759e988-bd862e3fe1be46a994272793 ; PARENT=53995c3f42cd8ad8 ; sampled=1 ; Self=1-x", true)]
    [InlineData("Root=1-5759E988-BD862E3FE1BE46A994272793;Parent=53995C3F42CD8AD8;Sampled=?", false)]
    public void Amazon_Read(string value, bool sampled)
    {
        var context = TraceHeaders.ParseAmazon(value);

        Assert.NotNull(context);
        Assert.Equal(Trace, context.Value.TraceId.ToHexString());
        Assert.Equal(Span, context.Value.SpanId.ToHexString());
        Assert.Equal(sampled, context.Value.Sampled);
    }

    [Fact]
    public void Amazon_WithoutParent_MakesOneUp()
    {
        var context = TraceHeaders.ParseAmazon("Root=1-5759e988-bd862e3fe1be46a994272793");

        Assert.NotNull(context);
        Assert.Equal(Trace, context.Value.TraceId.ToHexString());
        Assert.NotEqual(default, context.Value.SpanId);
        Assert.False(context.Value.Sampled);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Parent=53995c3f42cd8ad8;Sampled=1")] // no root
    [InlineData("Root=2-5759e988-bd862e3fe1be46a994272793")] // version 2
    [InlineData("Root=1-5759e988bd862e3fe1be46a994272793")] // no '-' after the time
    [InlineData("Root=1-5759e988-bd862e3fe1be46a99427279")] // short
    [InlineData("Root=1-00000000-000000000000000000000000")] // all zeros
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad")] // short parent
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=0000000000000000")]
    public void Amazon_Refused(string? value) => Assert.Null(TraceHeaders.ParseAmazon(value));

    [Theory]
    [InlineData("5759e988bd862e3fe1be46a994272793/6023947403358210776;o=1", true)]
    [InlineData("5759e988bd862e3fe1be46a994272793/6023947403358210776;o=0", false)]
    [InlineData("5759e988bd862e3fe1be46a994272793/6023947403358210776; o=1 ", true)]
    [InlineData("5759E988BD862E3FE1BE46A994272793/6023947403358210776", false)]
    public void CloudTrace_Read(string value, bool sampled)
    {
        var context = TraceHeaders.ParseCloudTrace(value);

        Assert.NotNull(context);
        Assert.Equal(Trace, context.Value.TraceId.ToHexString());
        Assert.Equal(Span, context.Value.SpanId.ToHexString()); // 6023947403358210776 in hexadecimal
        Assert.Equal(sampled, context.Value.Sampled);
    }

    [Fact]
    public void CloudTrace_WithoutSpan_MakesOneUp()
    {
        var context = TraceHeaders.ParseCloudTrace("5759e988bd862e3fe1be46a994272793;o=1");

        Assert.NotNull(context);
        Assert.Equal(Trace, context.Value.TraceId.ToHexString());
        Assert.NotEqual(default, context.Value.SpanId);
        Assert.True(context.Value.Sampled);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("5759e988bd862e3fe1be46a99427279/6023947403358210776")] // short trace id
    [InlineData("00000000000000000000000000000000/6023947403358210776")]
    [InlineData("5759e988bd862e3fe1be46a994272793/0;o=1")] // span 0
    [InlineData("5759e988bd862e3fe1be46a994272793/-1")]
    [InlineData("5759e988bd862e3fe1be46a994272793/18446744073709551616")] // beyond 64 bits
    [InlineData("5759e988bd862e3fe1be46a994272793/60x")]
    public void CloudTrace_Refused(string? value) => Assert.Null(TraceHeaders.ParseCloudTrace(value));

    [Theory]
    [InlineData(true, "00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", "5759e988bd862e3fe1be46a994272793/6023947403358210776;o=1")]
    [InlineData(false, "00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-00", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0", "5759e988bd862e3fe1be46a994272793/6023947403358210776;o=0")]
    public void Context_Written_InEachFormat(bool sampled, string traceParent, string amazon, string cloudTrace)
    {
        var context = new TraceHeaders.Context(ActivityTraceId.CreateFromString(Trace), ActivitySpanId.CreateFromString(Span), sampled);

        Assert.Equal(traceParent, context.ToTraceParent());
        Assert.Equal(amazon, context.ToAmazon());
        Assert.Equal(cloudTrace, context.ToCloudTrace());
    }

    [Fact]
    public void Context_LargestSpanId_WrittenAsAnUnsignedDecimal()
    {
        var context = new TraceHeaders.Context(ActivityTraceId.CreateFromString(Trace), ActivitySpanId.CreateFromString("ffffffffffffffff"), true);

        Assert.Equal($"{Trace}/18446744073709551615;o=1", context.ToCloudTrace());
        Assert.Equal("ffffffffffffffff", TraceHeaders.ParseCloudTrace(context.ToCloudTrace())!.Value.SpanId.ToHexString());
    }
}
