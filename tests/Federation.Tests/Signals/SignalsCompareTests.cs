using System.Diagnostics;
using System.Text.RegularExpressions;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Telemetry;
using MeshFed.Model;
using MeshFed.Tests.Shared;
using MeshFed.Tests.Shared.Telemetry;
using OpenTelemetry.Metrics;

namespace MeshFed.Federation.Tests.Telemetry;

/// <summary>
/// <c>meshfed signals compare</c> end to end: golden traffic recorded through OpenTelemetry into the local store,
/// read back, printed as a table with the right numbers and verdicts, and written as an HTML page that headless
/// Chromium renders.
/// </summary>
public sealed class SignalsCompareTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-signals-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string StorePath => Path.Combine(_dir, "telemetry.db");

    /// <summary>
    /// orders on aws-use1/v1 (1000 requests, 1% errors, ~20 ms) and gcp-euw1/v1 (same distribution), and on
    /// gcp-euw1/v2 (500 requests, 10% errors, ~80 ms); the inbound copies of the same requests must not count.
    /// 100 more requests to aws-use1/v1 were served in the caller's own site: recorded once, as "local", they
    /// count in either direction.
    /// </summary>
    private void FillStore()
    {
        using var store = new LocalTelemetryStore(StorePath);
        using var exporter = new LocalMetricExporter(store);
        using var traffic = new GoldenTraffic(exporter, MetricReaderTemporalityPreference.Delta);
        var random = new Random(7);
        void Serve(string site, string version, int n, double median, double errorRate)
        {
            for (var i = 0; i < n; i++)
            {
                var latency = median * Math.Exp(1.5 * (random.NextDouble() - 0.5));
                var status = i < n * errorRate ? 503 : 200;
                traffic.Request("checkout", site, version, latency, status);
                traffic.Request("checkout", site, version, latency, status, direction: "inbound", reporter: site);
            }
        }
        Serve("aws-use1", "v1", 900, 0.02, 0.01);
        for (var i = 0; i < 100; i++)
            traffic.Request("checkout", "aws-use1", "v1", 0.02 * Math.Exp(1.5 * (random.NextDouble() - 0.5)), i < 1 ? 503 : 200, direction: "local", reporter: "aws-use1");
        Serve("gcp-euw1", "v1", 900, 0.02, 0.01);
        Serve("gcp-euw1", "v2", 500, 0.08, 0.10);
        traffic.Request("payments", "aws-use1", "v1", 0.5, count: 50);
        traffic.InFlight("checkout", "gcp-euw1", "v2", 7);
        traffic.Flush();
    }

    private static string Row(string output, string label) =>
        output.Split('\n').Single(l => l.StartsWith(label + " ", StringComparison.Ordinal));

    [Fact]
    public void Table_ShowsEachSiteVersionWithVerdicts()
    {
        FillStore();

        var (code, output, error) = CliRunner.Run("signals", "compare", "checkout", "--store", StorePath, "--window", "15m", "--manifest", RepoPaths.Of("examples/shop"));

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("golden signals of checkout", output);
        var baseline = Row(output, "aws-use1/v1");
        Assert.Matches(@"aws-use1/v1\s+aws\s+1000\s+1\.11\s+1\.00%", baseline);
        Assert.EndsWith("baseline", baseline.TrimEnd());
        var same = Row(output, "gcp-euw1/v1");
        Assert.Matches(@"gcp\s+900\s", same);
        Assert.Matches(@"same \(p = [0-9.]+\)\s+same \(p = [0-9.]+\)$", same.TrimEnd());
        var shifted = Row(output, "gcp-euw1/v2");
        Assert.Matches(@"500\s+0\.56\s+10\.00%", shifted);
        Assert.Matches(@"\s7\s", shifted); // in flight
        Assert.Matches(@"differs \(p < 0\.001\)\s+differs \(p < 0\.001\)$", shifted.TrimEnd());
        Assert.Contains("the latency distributions differ significantly", output);
        Assert.DoesNotContain("payments", output);
    }

    [Fact]
    public void InboundDirection_CountsTheServingGatewaysMeasurements()
    {
        FillStore();

        var (code, output, _) = CliRunner.Run("signals", "compare", "checkout", "--store", StorePath, "--direction", "inbound");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Matches(@"aws-use1/v1\s+1000\s", Row(output, "aws-use1/v1"));
        Assert.Contains("inbound", output);
    }

    [Fact]
    public void NoStore_OrUnknownService_SayWhatToDo()
    {
        var (code, _, error) = CliRunner.Run("signals", "compare", "checkout", "--store", Path.Combine(_dir, "none.db"));
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("no local store", error);

        var (unknown, _, message) = CliRunner.Run("signals", "compare", "nope", "--manifest", RepoPaths.Of("examples/shop"), "--store", StorePath);
        Assert.Equal(ExitCodes.Usage, unknown);
        Assert.Contains("service 'nope' is not in mesh 'shop'", message);

        var (badWindow, _, _) = CliRunner.Run("signals", "compare", "checkout", "--window", "soon");
        Assert.Equal(ExitCodes.Usage, badWindow);

        var (badSource, _, _) = CliRunner.Run("signals", "compare", "checkout", "--source", "datadog");
        Assert.Equal(ExitCodes.Usage, badSource);
    }

    [SkippableFact]
    public void Html_IsSelfContained_AndRendersInHeadlessChromium()
    {
        FillStore();
        var page = Path.Combine(_dir, "checkout.html");

        var (code, _, error) = CliRunner.Run("signals", "compare", "checkout", "--store", StorePath, "--html", page, "--manifest", RepoPaths.Of("examples/shop"));

        Assert.True(code == ExitCodes.Success, error);
        var html = File.ReadAllText(page);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(new Regex(@"(src|href)=""(https?:)?//", RegexOptions.IgnoreCase), html);

        var chromium = new[] { "chromium", "chromium-browser" }.Select(Which).FirstOrDefault(p => p is not null);
        Skip.If(chromium is null, "chromium is not installed (apt-get install chromium; .ci/run does): the page was checked as text only");
        var dom = Render(chromium!, page);

        Assert.Contains("Golden signals: checkout", dom);
        Assert.Contains("data-row=\"gcp-euw1/v2\"", dom);
        Assert.Equal(3, Regex.Matches(dom, "<polyline class=\"cdf\"").Count);
        Assert.Equal(9, Regex.Matches(dom, "<rect class=\"bar\"").Count);
        Assert.Matches("<td class=\"differs\">differs \\(p &lt; 0.001\\)</td>", dom);
        Assert.Contains("the latency distributions differ significantly", dom);
    }

    private static string Render(string chromium, string page)
    {
        var start = new ProcessStartInfo(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            $"--user-data-dir={Path.Combine(Path.GetDirectoryName(page)!, "chromium-profile")}", "--dump-dom", new Uri(page).AbsoluteUri])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "chromium hung");
        Assert.True(process.ExitCode == 0, stderr.Result);
        return stdout.Result;
    }

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
