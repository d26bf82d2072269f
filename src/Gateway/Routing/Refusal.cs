using MeshFed.Gateway.Telemetry;
using Microsoft.AspNetCore.Http;

namespace MeshFed.Gateway.Routing;

/// <summary>A request the gateway answers itself: status, a one-line reason for people, and a counted reason for metrics.</summary>
public static class Refusal
{
    /// <summary>Header naming the gateway's reason, so callers can tell a gateway refusal from a service's answer.</summary>
    public const string ReasonHeader = "x-meshfed-refused";

    /// <summary>Writes the refusal.</summary>
    public static Task WriteAsync(HttpContext context, int status, string reason, string message, string reporter, string? service)
    {
        GatewayMetrics.Refused(reporter, reason, service);
        context.Response.StatusCode = status;
        context.Response.Headers[ReasonHeader] = reason;
        if (status == StatusCodes.Status401Unauthorized)
            context.Response.Headers.WWWAuthenticate = "Bearer";
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync($"meshfed gateway {reporter}: {message}\n");
    }
}
