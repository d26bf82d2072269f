using System.Net;
using MeshFed.Federation.Telemetry;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests.Telemetry;

public sealed class TelemetryEndpointsTests
{
    [Fact]
    public void EverySinkCanBePointedElsewhere()
    {
        var (options, error) = TelemetryEndpoints.Apply(new TelemetryOptions(),
        [
            "cloudwatch=http://127.0.0.1:9001", "xray=http://127.0.0.1:9002", "cloud-monitoring=https://127.0.0.1:9003",
            "cloud-trace=http://127.0.0.1:9004/", "OTLP=http://127.0.0.1:4318", "xray-daemon=127.0.0.1:2000",
        ]);
        Assert.Null(error);
        Assert.Equal(new Uri("http://127.0.0.1:9001"), options!.CloudWatchEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:9002"), options.XRayEndpoint);
        Assert.Equal(new Uri("https://127.0.0.1:9003"), options.CloudMonitoringEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:9004/"), options.CloudTraceEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:4318"), options.OtlpEndpoint);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 2000), options.XRayDaemon);
    }

    [Theory]
    [InlineData("cloudwatch", "expected SINK=URL")]
    [InlineData("=http://127.0.0.1:1", "expected SINK=URL")]
    [InlineData("datadog=http://127.0.0.1:1", "SINK one of cloudwatch, xray")]
    [InlineData("xray=ftp://127.0.0.1/", "not an http(s) URL")]
    [InlineData("cloud-trace=not a url", "not an http(s) URL")]
    [InlineData("xray-daemon=localhost", "HOST:PORT with an IP address")]
    public void BadOverridesAreRefusedWithTheFix(string entry, string expected)
    {
        var (options, error) = TelemetryEndpoints.Apply(new TelemetryOptions(), [entry]);
        Assert.Null(options);
        Assert.Contains($"'{entry}'", error);
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData("--telemetry-endpoint", "statsd=http://127.0.0.1:1", "SINK one of")]
    [InlineData("--export-interval", "2s", "at least 5s")]
    [InlineData("--export-interval", "soon", "at least 5s")]
    public void TheGatewayCommandRefusesThemBeforeStarting(string option, string value, string expected)
    {
        var (code, _, stderr) = CliRunner.Run("gateway", RepoPaths.Of("examples/demo"), "--site", "aws-local", "--trust-dir", "/nonexistent", option, value);
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr);
    }
}
