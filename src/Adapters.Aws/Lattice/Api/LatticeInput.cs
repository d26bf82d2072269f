namespace MeshFed.Adapters.Aws.Lattice.Api;

/// <summary>
/// The input of one VPC Lattice Create (or Put/Register) operation, member for member as the Smithy model
/// vpc-lattice-2022-11-30 names it (restJson1, camelCase), so that the file is valid for
/// <c>aws vpc-lattice &lt;operation&gt; --cli-input-json</c> and for the SDKs. Identifiers that exist only after
/// an earlier create are <see cref="LatticeRefs"/> placeholders that <c>meshfed apply</c> resolves.
/// </summary>
public abstract record LatticeInput;
