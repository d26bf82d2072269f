using System.Text.Json;
using MeshFed.Adapters.Aws.Lattice;
using MeshFed.Adapters.Aws.Lattice.Api;

namespace MeshFed.Federation.Analysis.Lattice;

/// <summary>One rendered Lattice input read back from its file, with the document it came from (for findings).</summary>
/// <typeparam name="T">The input type.</typeparam>
/// <param name="Document">The rendered file.</param>
/// <param name="Input">Its members, as <c>aws vpc-lattice --cli-input-json</c> reads them.</param>
internal sealed record LatticeInputOf<T>(RenderedDocument Document, T Input) where T : LatticeInput;

/// <summary>A rendered file that is not a valid input of its operation (the CLI or the API would refuse it).</summary>
/// <param name="Document">The file.</param>
/// <param name="Reason">Why it cannot be read.</param>
internal sealed record UnreadableLatticeInput(RenderedDocument Document, string Reason);

/// <summary>
/// A Lattice site's <c>api/</c> files read back as the typed inputs the AWS CLI takes (the JSON a user would
/// pass to <c>--cli-input-json</c>), indexed by what a request follows: a host to its service, a service to its
/// association, listeners and auth policy, a listener to its rules, a target group by name. It reads the
/// rendered files, never the translator's model, so a hand-edited or stale rendering is judged as it is.
/// </summary>
internal sealed class LatticeSiteInputs
{
    private readonly Dictionary<string, LatticeInputOf<CreateServiceInput>> _servicesByDomain = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<LatticeInputOf<CreateServiceNetworkServiceAssociationInput>>> _associations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<LatticeInputOf<CreateListenerInput>>> _listeners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<LatticeInputOf<CreateRuleInput>>> _rules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LatticeInputOf<CreateTargetGroupInput>> _targetGroups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LatticeInputOf<PutAuthPolicyInput>> _authPolicies = new(StringComparer.Ordinal);

    private LatticeSiteInputs()
    {
    }

    /// <summary>The service networks the site's files create.</summary>
    public List<LatticeInputOf<CreateServiceNetworkInput>> Networks { get; } = [];

    /// <summary>The VPC associations of service networks.</summary>
    public List<LatticeInputOf<CreateServiceNetworkVpcAssociationInput>> VpcAssociations { get; } = [];

    /// <summary>Every Lattice service, in file order.</summary>
    public List<LatticeInputOf<CreateServiceInput>> Services { get; } = [];

    /// <summary>Files that are not valid inputs of their operation.</summary>
    public List<UnreadableLatticeInput> Unreadable { get; } = [];

    /// <summary>True when the site has Lattice files at all.</summary>
    public bool Any => Networks.Count + Services.Count + _targetGroups.Count + Unreadable.Count > 0;

    /// <summary>The service whose custom domain name is <paramref name="host"/> (Lattice routes by Host and SNI), or null.</summary>
    public LatticeInputOf<CreateServiceInput>? ServiceFor(string host) => _servicesByDomain.GetValueOrDefault(host);

    /// <summary>The associations of the service named <paramref name="service"/> with service networks.</summary>
    public IReadOnlyList<LatticeInputOf<CreateServiceNetworkServiceAssociationInput>> AssociationsOf(string service) =>
        _associations.GetValueOrDefault(LatticeRefs.Service(service)) ?? [];

    /// <summary>The listeners of the service named <paramref name="service"/>.</summary>
    public IReadOnlyList<LatticeInputOf<CreateListenerInput>> ListenersOf(string service) =>
        _listeners.GetValueOrDefault(LatticeRefs.Service(service)) ?? [];

    /// <summary>The rules of listener <paramref name="listener"/> of service <paramref name="service"/>, lowest priority first (the order Lattice evaluates them).</summary>
    public IReadOnlyList<LatticeInputOf<CreateRuleInput>> RulesOf(string service, string listener) =>
        [.. (_rules.GetValueOrDefault(LatticeRefs.Listener(service, listener)) ?? []).OrderBy(r => r.Input.Priority)];

    /// <summary>The target group an action names (its <c>{{targetGroup:NAME}}</c> placeholder), or null.</summary>
    public LatticeInputOf<CreateTargetGroupInput>? TargetGroup(string identifier) =>
        _targetGroups.GetValueOrDefault(identifier);

    /// <summary>Every target group, by placeholder.</summary>
    public IEnumerable<LatticeInputOf<CreateTargetGroupInput>> TargetGroups => _targetGroups.Values;

    /// <summary>The auth policy of the service named <paramref name="service"/>, or null.</summary>
    public LatticeInputOf<PutAuthPolicyInput>? AuthPolicyOf(string service) => _authPolicies.GetValueOrDefault(LatticeRefs.Service(service));

    /// <summary>Reads the Lattice files of <paramref name="site"/>.</summary>
    public static LatticeSiteInputs Read(RenderedSite site)
    {
        var inputs = new LatticeSiteInputs();
        foreach (var document in site.Documents.Where(d => LatticeDocuments.OperationOf(d) is not null))
        {
            var operation = LatticeDocuments.OperationOf(document)!.Value;
            LatticeInput? input;
            try
            {
                input = (LatticeInput?)document.Body.Deserialize(LatticeJsonContext.Default.GetTypeInfo(LatticeDocuments.InputType(operation))!);
            }
            catch (JsonException e)
            {
                inputs.Unreadable.Add(new UnreadableLatticeInput(document, e.Message));
                continue;
            }
            inputs.Add(document, input);
        }
        return inputs;
    }

    private void Add(RenderedDocument document, LatticeInput? input)
    {
        switch (input)
        {
            case CreateServiceNetworkInput network:
                Networks.Add(new(document, network));
                break;
            case CreateServiceNetworkVpcAssociationInput vpc:
                VpcAssociations.Add(new(document, vpc));
                break;
            case CreateServiceInput service:
                Services.Add(new(document, service));
                _servicesByDomain.TryAdd(service.CustomDomainName, new(document, service));
                break;
            case CreateServiceNetworkServiceAssociationInput association:
                Append(_associations, association.ServiceIdentifier, new(document, association));
                break;
            case CreateListenerInput listener:
                Append(_listeners, listener.ServiceIdentifier, new(document, listener));
                break;
            case CreateRuleInput rule:
                Append(_rules, rule.ListenerIdentifier, new(document, rule));
                break;
            case CreateTargetGroupInput group:
                _targetGroups.TryAdd(LatticeRefs.TargetGroup(group.Name), new(document, group));
                break;
            case PutAuthPolicyInput policy:
                _authPolicies[policy.ResourceIdentifier] = new(document, policy);
                break;
            case null:
                Unreadable.Add(new UnreadableLatticeInput(document, "the file holds no input"));
                break;
        }
    }

    private static void Append<T>(Dictionary<string, List<T>> index, string key, T item)
    {
        if (!index.TryGetValue(key, out var items))
            index[key] = items = [];
        items.Add(item);
    }
}
