using System.Globalization;
using System.Net;
using System.Text;
using MeshFed.Federation.Signals;

namespace MeshFed.Federation.Output;

/// <summary>
/// <c>meshfed signals compare --html</c>: one self-contained page (no scripts, no external resources) with the
/// same table and verdicts as the text output and inline SVG charts: latency percentiles per site/version and the
/// cumulative latency distributions over the buckets.
/// </summary>
public static class SignalsHtml
{
    private static readonly string[] s_colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];

    /// <summary>The page for <paramref name="comparison"/>.</summary>
    public static string Render(SignalComparison comparison)
    {
        var html = new StringBuilder();
        var title = Encode($"Golden signals: {comparison.Service}");
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{title}</title>
            <style>
            body{"{"}font-family:system-ui,sans-serif;margin:2rem;color:#222{"}"}
            table{"{"}border-collapse:collapse{"}"} td,th{"{"}border:1px solid #ccc;padding:.3rem .6rem;text-align:right{"}"}
            td:first-child,th:first-child{"{"}text-align:left{"}"} .differs{"{"}color:#b00020;font-weight:bold{"}"}
            </style></head><body>
            <h1>{title}</h1>
            <p id="window">{Encode($"{comparison.From:u} to {comparison.To:u}, from {comparison.Source}")}</p>
            """);
        if (comparison.Rows.Count == 0)
        {
            html.Append("<p id=\"empty\">No data for this service in the window.</p></body></html>");
            return html.ToString();
        }
        html.Append("<table id=\"signals\"><thead><tr><th>site/version</th><th>cloud</th><th>requests</th><th>rps</th><th>errors</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>in-flight</th><th>latency vs baseline</th><th>errors vs baseline</th></tr></thead><tbody>");
        foreach (var row in comparison.Rows)
        {
            var verdict = comparison.Verdicts.FirstOrDefault(v => v.Row == row);
            html.Append(CultureInfo.InvariantCulture, $"<tr data-row=\"{Encode(row.Label)}\"><td>{Encode(row.Label)}</td><td>{Encode(row.Cloud)}</td><td>{row.Requests}</td><td>{row.Rps:F2}</td><td>{SignalsTable.Percent(row.ErrorRate)}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{SignalsTable.Ms(row.Latency.Quantile(0.5))}</td><td>{SignalsTable.Ms(row.Latency.Quantile(0.95))}</td><td>{SignalsTable.Ms(row.Latency.Quantile(0.99))}</td><td>{row.Saturation:F0}</td>");
            html.Append(verdict is null ? "<td>baseline</td><td>baseline</td>" :
                $"<td class=\"{(verdict.LatencyDiffers ? "differs" : "same")}\">{Encode(SignalsTable.Verdict(verdict.LatencyDiffers, verdict.LatencyTest))}</td>" +
                $"<td class=\"{(verdict.ErrorsDiffer ? "differs" : "same")}\">{Encode(SignalsTable.Verdict(verdict.ErrorsDiffer, verdict.ErrorTest))}</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        html.Append(CultureInfo.InvariantCulture, $"<p id=\"overall\">{Encode(SignalsTable.Overall(comparison))}</p>");
        html.Append("<h2>Latency percentiles (ms)</h2>").Append(PercentileChart(comparison.Rows));
        html.Append("<h2>Cumulative latency distribution</h2>").Append(CdfChart(comparison.Rows));
        html.Append("</body></html>");
        return html.ToString();
    }

    /// <summary>Grouped bars: p50, p95, p99 for each row.</summary>
    private static string PercentileChart(IReadOnlyList<SignalRow> rows)
    {
        double[] quantiles = [0.5, 0.95, 0.99];
        var max = rows.SelectMany(r => quantiles.Select(q => r.Latency.Quantile(q))).Where(double.IsFinite).DefaultIfEmpty(0).Max() * 1000;
        max = max <= 0 ? 1 : max;
        const int width = 640, barHeight = 14, gap = 10, left = 160;
        var height = rows.Count * (3 * barHeight + gap) + 20;
        var svg = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"<svg id=\"percentiles\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"latency percentiles\">"));
        var y = 10;
        for (var r = 0; r < rows.Count; r++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + barHeight * 2}\" font-size=\"12\">{Encode(rows[r].Label)}</text>");
            foreach (var q in quantiles)
            {
                var ms = rows[r].Latency.Quantile(q) * 1000;
                var length = double.IsFinite(ms) ? (width - left - 80) * ms / max : 0;
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{left}\" y=\"{y}\" width=\"{length:F1}\" height=\"{barHeight - 2}\" fill=\"{s_colors[r % s_colors.Length]}\" opacity=\"{(q == 0.5 ? 1 : q == 0.95 ? 0.75 : 0.5)}\"><title>{Encode(rows[r].Label)} p{q * 100:0} {SignalsTable.Ms(ms / 1000)} ms</title></rect>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + length + 4:F1}\" y=\"{y + barHeight - 4}\" font-size=\"10\">p{q * 100:0} {SignalsTable.Ms(ms / 1000)}</text>");
                y += barHeight;
            }
            y += gap;
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>One step line per row: the share of requests at or below each bucket bound (log-spaced x axis by bucket index).</summary>
    private static string CdfChart(IReadOnlyList<SignalRow> rows)
    {
        const int width = 640, height = 260, left = 40, bottom = 30;
        var bounds = rows[0].Latency.Bounds;
        var steps = Math.Max(1, bounds.Count);
        var svg = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"<svg id=\"cdf\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height + 20 * rows.Count}\" role=\"img\" aria-label=\"cumulative latency distribution\">"));
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width}\" y2=\"{height - bottom}\" stroke=\"#999\"/><line x1=\"{left}\" y1=\"0\" x2=\"{left}\" y2=\"{height - bottom}\" stroke=\"#999\"/>");
        for (var i = 0; i < bounds.Count; i++)
        {
            var x = left + (width - left - 10) * (i + 1) / (double)steps;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:F1}\" y=\"{height - bottom + 14}\" font-size=\"9\" text-anchor=\"middle\">{bounds[i] * 1000:0.#}</text>");
        }
        for (var r = 0; r < rows.Count; r++)
        {
            var latency = rows[r].Latency;
            var total = Math.Max(1, latency.Total);
            var points = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{left},{height - bottom}"));
            long seen = 0;
            for (var i = 0; i < latency.Bounds.Count && i < latency.Counts.Count; i++)
            {
                seen += latency.Counts[i];
                var x = left + (width - left - 10) * (i + 1) / (double)steps;
                var yv = (height - bottom) - (height - bottom - 10) * seen / (double)total;
                points.Append(CultureInfo.InvariantCulture, $" {x:F1},{yv:F1}");
            }
            svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"cdf\" fill=\"none\" stroke-width=\"2\" stroke=\"{s_colors[r % s_colors.Length]}\" points=\"{points}\"><title>{Encode(rows[r].Label)}</title></polyline>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{height + 14 + 20 * r}\" font-size=\"12\" fill=\"{s_colors[r % s_colors.Length]}\">{Encode(rows[r].Label)}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
