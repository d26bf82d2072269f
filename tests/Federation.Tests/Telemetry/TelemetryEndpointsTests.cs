using System.Net;
using MeshFed.Adapters.Aws.Telemetry;
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
            "cloudwatch-agent=tcp://127.0.0.1:25888",
        ]);
        Assert.Null(error);
        Assert.Equal(new Uri("http://127.0.0.1:9001"), options!.CloudWatchEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:9002"), options.XRayEndpoint);
        Assert.Equal(new Uri("https://127.0.0.1:9003"), options.CloudMonitoringEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:9004/"), options.CloudTraceEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:4318"), options.OtlpEndpoint);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 2000), options.XRayDaemon);
        Assert.Equal(new Uri("tcp://127.0.0.1:25888"), options.CloudWatchAgent);
    }

    [Theory]
    [InlineData("cloudwatch-agent=tcp://127.0.0.1:25888", "tcp://127.0.0.1:25888")]
    [InlineData("cloudwatch-agent=udp://127.0.0.1:25888", "udp://127.0.0.1:25888")]
    [InlineData("cloudwatch-agent=tcp://cwagent.amazon-cloudwatch", "tcp://cwagent.amazon-cloudwatch:25888")]
    [InlineData("cloudwatch-agent=udp://[::1]:9999", "udp://[::1]:9999")]
    public void TheCloudWatchAgent_IsTcpOrUdp_OnPort25888ByDefault(string entry, string address)
    {
        var (options, error) = TelemetryEndpoints.Apply(new TelemetryOptions(), [entry]);
        Assert.Null(error);
        Assert.Equal(address, new CloudWatchEmfExporterOptions { Agent = options!.CloudWatchAgent! }.Address);
    }

    [Fact]
    public void TheEmfVariables_AreHonoured_WhenTheCommandLineNamesNoAgent()
    {
        var environment = new Dictionary<string, string>
        {
            [TelemetryEndpoints.AgentEndpointVariable] = "udp://127.0.0.1:25888",
            [TelemetryEndpoints.LogGroupVariable] = "/meshfed/gateways",
        };

        var (fromEnvironment, _) = TelemetryEndpoints.Apply(new TelemetryOptions(), [], environment.GetValueOrDefault);
        var (fromCommandLine, _) = TelemetryEndpoints.Apply(new TelemetryOptions(), ["cloudwatch-agent=tcp://10.0.0.7:25888"], environment.GetValueOrDefault);
        var (withoutEnvironment, _) = TelemetryEndpoints.Apply(new TelemetryOptions(), []);

        Assert.Equal(new Uri("udp://127.0.0.1:25888"), fromEnvironment!.CloudWatchAgent);
        Assert.Equal("/meshfed/gateways", fromEnvironment.CloudWatchLogGroup);
        Assert.Equal(new Uri("tcp://10.0.0.7:25888"), fromCommandLine!.CloudWatchAgent);
        Assert.Null(withoutEnvironment!.CloudWatchAgent);
        Assert.Equal("meshfed-gateway", withoutEnvironment.CloudWatchLogGroup);
    }

    [Theory]
    [InlineData("AWS_EMF_AGENT_ENDPOINT", "http://127.0.0.1:25888", "tcp://HOST:PORT or udp://HOST:PORT")]
    [InlineData("AWS_EMF_AGENT_ENDPOINT", "127.0.0.1:25888", "tcp://HOST:PORT or udp://HOST:PORT")]
    [InlineData("AWS_EMF_LOG_GROUP_NAME", "my group!", "1–512 characters")]
    public void BadEmfVariables_AreRefusedWithTheFix(string variable, string value, string expected)
    {
        var (options, error) = TelemetryEndpoints.Apply(new TelemetryOptions(), [], name => name == variable ? value : null);
        Assert.Null(options);
        Assert.StartsWith($"{variable}='{value}'", error);
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData("cloudwatch", "expected SINK=URL")]
    [InlineData("=http://127.0.0.1:1", "expected SINK=URL")]
    [InlineData("datadog=http://127.0.0.1:1", "SINK one of cloudwatch, cloudwatch-agent, xray")]
    [InlineData("xray=ftp://127.0.0.1/", "not an http(s) URL")]
    [InlineData("cloud-trace=not a url", "not an http(s) URL")]
    [InlineData("xray-daemon=localhost", "HOST:PORT with an IP address")]
    [InlineData("cloudwatch-agent=http://127.0.0.1:25888", "the CloudWatch agent is tcp://HOST:PORT or udp://HOST:PORT")]
    [InlineData("cloudwatch-agent=127.0.0.1:25888", "e.g. cloudwatch-agent=tcp://127.0.0.1:25888")]
    public void BadOverridesAreRefusedWithTheFix(string entry, string expected)
    {
        var (options, error) = TelemetryEndpoints.Apply(new TelemetryOptions(), [entry]);
        Assert.Null(options);
        Assert.Contains($"'{entry}'", error);
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData("--telemetry-endpoint", "statsd=http://127.0.0.1:1", "SINK one of")]
    [InlineData("--telemetry-endpoint", "cloudwatch-agent=ftp://127.0.0.1:25888", "tcp://HOST:PORT or udp://HOST:PORT")]
    [InlineData("--export-interval", "2s", "at least 5s")]
    [InlineData("--export-interval", "soon", "at least 5s")]
    public void TheGatewayCommandRefusesThemBeforeStarting(string option, string value, string expected)
    {
        var (code, _, stderr) = CliRunner.Run("gateway", RepoPaths.Of("examples/demo"), "--site", "aws-local", "--trust-dir", "/nonexistent", option, value);
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr);
    }
}
