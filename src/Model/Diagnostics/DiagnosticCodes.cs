namespace MeshFed.Model.Diagnostics;

/// <summary>
/// Stable identifiers for every finding. Ranges group them: MF1xx input and YAML, MF2xx structure,
/// MF3xx values, MF4xx names and references, MF5xx target limits, MF6xx reachability, security, telemetry.
/// Codes are never reused for a different meaning.
/// </summary>
public static class DiagnosticCodes
{
    /// <summary>The path does not exist.</summary>
    public const string PathNotFound = "MF100";
    /// <summary>A folder holds no <c>*.yaml</c>/<c>*.yml</c> file.</summary>
    public const string NoManifests = "MF101";
    /// <summary>A file exceeds the size limit.</summary>
    public const string FileTooLarge = "MF102";
    /// <summary>A file is not UTF-8 text (binary bytes, NUL, invalid sequences).</summary>
    public const string NotText = "MF103";
    /// <summary>The YAML parser rejected the text (syntax, tabs, unclosed quotes...).</summary>
    public const string YamlSyntax = "MF104";
    /// <summary>A file has no YAML document.</summary>
    public const string EmptyFile = "MF105";
    /// <summary>Nesting deeper than the limit.</summary>
    public const string TooDeep = "MF106";
    /// <summary>Aliases expand to more nodes than the limit ("billion laughs").</summary>
    public const string TooManyNodes = "MF107";
    /// <summary>A mapping repeats a key.</summary>
    public const string DuplicateKey = "MF108";
    /// <summary>A YAML feature the manifest does not accept (complex keys, merge keys, custom tags).</summary>
    public const string UnsupportedYaml = "MF109";
    /// <summary>A file cannot be read (permissions, I/O).</summary>
    public const string ReadFailed = "MF110";

    /// <summary>A field that is not part of the schema.</summary>
    public const string UnknownField = "MF200";
    /// <summary>A required field is missing.</summary>
    public const string MissingField = "MF201";
    /// <summary>A node has the wrong YAML type (list where a mapping belongs, string where a number belongs...).</summary>
    public const string WrongType = "MF202";
    /// <summary>The document is not a <c>meshfed.dev/v1alpha1</c> <c>FederatedMesh</c>.</summary>
    public const string WrongKind = "MF203";
    /// <summary>Two files of one folder set the same single-valued field, or name different meshes.</summary>
    public const string ConflictingFiles = "MF204";

    /// <summary>A name is not a DNS label.</summary>
    public const string InvalidName = "MF300";
    /// <summary>A value is not one of the allowed words.</summary>
    public const string InvalidEnum = "MF301";
    /// <summary>A duration is malformed, zero, negative or finer than a millisecond.</summary>
    public const string InvalidDuration = "MF302";
    /// <summary>A number is outside its allowed range.</summary>
    public const string OutOfRange = "MF303";
    /// <summary>A string is malformed (address, URL, regex, SPIFFE ID, path pattern, header name...).</summary>
    public const string InvalidValue = "MF304";

    /// <summary>Two entities share a name (sites, services in a namespace, deployments, ports, routes).</summary>
    public const string DuplicateName = "MF400";
    /// <summary>A reference names something that is not declared.</summary>
    public const string UnknownReference = "MF401";
    /// <summary>A route's weights do not add up to 100.</summary>
    public const string WeightsNotHundred = "MF402";
    /// <summary>Routes are missing where traffic would otherwise be ambiguous, or a route can never match.</summary>
    public const string RouteShape = "MF403";
    /// <summary>A site's provider and mesh kind do not go together, or a site lacks region/project.</summary>
    public const string SiteShape = "MF404";

    /// <summary>App Mesh cannot express this (more than 10 targets, more than 10 header matches...).</summary>
    public const string AppMeshLimit = "MF500";
    /// <summary>A quota that can be raised on request but is usually the default.</summary>
    public const string QuotaWarning = "MF502";
    /// <summary>A deployment's discovery does not fit the site (Cloud Map outside AWS, static endpoints on App Mesh...).</summary>
    public const string DiscoveryMismatch = "MF503";

    /// <summary>A VPC Lattice limit or default quota would be exceeded (rules per listener, listeners and target groups per service, weighted targets, auth policy size).</summary>
    public const string LatticeLimit = "MF504";

    /// <summary>Traffic must cross sites but a site has no gateway.</summary>
    public const string MissingGateway = "MF600";
    /// <summary>A security setting is inconsistent (allow rules under permissive mTLS, foreign SPIFFE IDs...).</summary>
    public const string SecurityShape = "MF601";
    /// <summary>A telemetry sink needs a site of its cloud, or buckets are not increasing.</summary>
    public const string TelemetryShape = "MF602";
    /// <summary>A timeout/retry combination that cannot behave as written.</summary>
    public const string ResilienceShape = "MF603";
}
