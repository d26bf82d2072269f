using System.Text.Json.Serialization;

namespace MeshFed.Adapters.Aws.Lattice.Api;

/// <summary>AuthType: NONE or AWS_IAM (IAM auth policies, SigV4-signed requests).</summary>
public enum AuthType
{
    /// <summary>No authentication or authorization.</summary>
    [JsonStringEnumMemberName("NONE")] None,
    /// <summary>Requests are SigV4-signed and checked against the auth policy.</summary>
    [JsonStringEnumMemberName("AWS_IAM")] AwsIam,
}

/// <summary>ListenerProtocol.</summary>
public enum ListenerProtocol
{
    /// <summary>HTTP.</summary>
    [JsonStringEnumMemberName("HTTP")] Http,
    /// <summary>HTTPS.</summary>
    [JsonStringEnumMemberName("HTTPS")] Https,
}

/// <summary>TargetGroupType.</summary>
public enum TargetGroupType
{
    /// <summary>IP addresses (ECS tasks, Kubernetes pods, static endpoints, the meshfed gateway).</summary>
    [JsonStringEnumMemberName("IP")] Ip,
    /// <summary>EC2 instance ids.</summary>
    [JsonStringEnumMemberName("INSTANCE")] Instance,
}

/// <summary>TargetGroupProtocol.</summary>
public enum TargetGroupProtocol
{
    /// <summary>Cleartext HTTP to the targets.</summary>
    [JsonStringEnumMemberName("HTTP")] Http,
}

/// <summary>TargetGroupProtocolVersion.</summary>
public enum TargetGroupProtocolVersion
{
    /// <summary>HTTP/1.1.</summary>
    [JsonStringEnumMemberName("HTTP1")] Http1,
    /// <summary>HTTP/2.</summary>
    [JsonStringEnumMemberName("HTTP2")] Http2,
    /// <summary>gRPC.</summary>
    [JsonStringEnumMemberName("GRPC")] Grpc,
}
