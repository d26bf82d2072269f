using System.Text.Json.Serialization;

namespace MeshFed.Adapters.Aws.Lattice.Api;

/// <summary>
/// Source-generated serialization of the Lattice inputs: camelCase members as the Smithy model names them, enum
/// values as the model's words, unset union members left out. Property order is declaration order, so the bytes
/// are stable.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(CreateServiceNetworkInput))]
[JsonSerializable(typeof(CreateServiceNetworkVpcAssociationInput))]
[JsonSerializable(typeof(CreateServiceInput))]
[JsonSerializable(typeof(CreateServiceNetworkServiceAssociationInput))]
[JsonSerializable(typeof(CreateListenerInput))]
[JsonSerializable(typeof(CreateRuleInput))]
[JsonSerializable(typeof(CreateTargetGroupInput))]
[JsonSerializable(typeof(RegisterTargetsInput))]
[JsonSerializable(typeof(PutAuthPolicyInput))]
public sealed partial class LatticeJsonContext : JsonSerializerContext;
