using MeshFed.Model.Binding.Shapes;
using MeshFed.Model.Diagnostics;
using MeshFed.Model.Yaml;

namespace MeshFed.Model.Binding;

/// <summary>Binds <c>spec.services[]</c> with its ports, deployments and export list.</summary>
internal static class ServiceBinder
{
    public static readonly ObjectShape PortShape = new("port", "a port",
    [
        Field.Required("port", WholeNumberRule.Port, "Port number."),
        Field.Optional("protocol", WordRule.Of<ServiceProtocol>(), "The protocol (default: http)."),
        Field.Optional("name", LabelRule.Name, "The port's name."),
    ]);

    public static readonly ObjectShape KubernetesDiscoveryShape = new("kubernetesDiscovery", "kubernetes discovery", [])
    {
        Description = "The Kubernetes Service name.namespace.svc.cluster.local (the default).",
    };

    public static readonly ObjectShape CloudMapShape = new("cloudMap", "Cloud Map discovery",
    [
        Field.Required("namespace", TextRule.Any),
        Field.Required("service", TextRule.Any),
    ])
    {
        Description = "AWS Cloud Map (aws sites only).",
    };

    public static readonly ObjectShape DiscoveryShape = new("discovery", "a discovery",
    [
        Field.Optional("kubernetes", KubernetesDiscoveryShape),
        Field.Optional("dns", TextRule.NotEmpty, "A DNS name resolving to the workloads."),
        Field.Optional("cloudMap", CloudMapShape),
        Field.Optional("static", new ListRule(TextRule.NotEmpty) { MinItems = 1 }, "Fixed endpoints host:port (not on App Mesh sites)."),
    ])
    {
        Description = "How the site's mesh finds the workloads: exactly one method.",
        ExactlyOneField = true,
    };

    public static readonly ObjectShape AwsWorkloadShape = new("awsWorkload", "the deployment's AWS settings",
    [
        Field.Required("role", new TextRule(IamRoleArn.Pattern),
            "The IAM role its ECS tasks or EKS pods run as (arn:aws:iam::ACCOUNT:role/NAME); at most one service per role on a site."),
    ])
    {
        Description = "AWS sites only. On a vpc-lattice site the role names the service: Lattice auth policies admit it by aws:PrincipalArn, and the gateway maps callers Lattice authenticated as the role to the service's identity.",
    };

    public static readonly ObjectShape DeploymentShape = new("deployment", "a deployment",
    [
        Field.Required("site", LabelRule.Name, "The site it runs on."),
        Field.Required("version", LabelRule.Version),
        Field.Optional("discovery", DiscoveryShape),
        Field.Optional("aws", AwsWorkloadShape),
    ]);

    /// <summary>An <c>exportTo</c> entry: a site name or "*" for every site.</summary>
    public const string ExportAll = "*";

    public static readonly ObjectShape Shape = new("service", "a service",
    [
        Field.Required("name", LabelRule.Name, "Service name, unique within its namespace."),
        Field.Optional("namespace", LabelRule.Name, "Kubernetes namespace (default: default)."),
        Field.Required("ports", new ListRule(PortShape) { MinItems = 1 }),
        Field.Required("deployments", new ListRule(DeploymentShape) { MinItems = 1 }, "Where each version runs."),
        Field.Optional("exportTo", new ListRule(new TextRule(Patterns.Either(Patterns.Exactly(ExportAll), Names.DnsLabelPattern))),
            "Sites that may call it across sites; \"*\" for all (the default)."),
        Field.Optional("traffic", TrafficBinder.Shape),
        Field.Optional("security", SecurityBinder.Shape),
    ]);

    public static Service? Bind(BindContext context, ManifestNode node, string path)
    {
        var service = ObjectReader.Open(context, node, path, Shape);
        if (service is null)
            return null;
        var name = service.Label("name");
        var @namespace = service.Label("namespace");
        var ports = service.List("ports", BindPort);
        var deployments = service.List("deployments", BindDeployment);
        var exportTo = BindExportTo(service);
        var traffic = service.Object("traffic", TrafficBinder.Bind) ?? TrafficPolicy.Default;
        var security = service.Object("security", SecurityBinder.Bind) ?? SecurityPolicy.Default;
        if (name is null)
            return null;
        return new Service
        {
            Name = name,
            Namespace = @namespace ?? "default",
            Ports = ports,
            Deployments = deployments,
            ExportTo = exportTo,
            Traffic = traffic,
            Security = security,
        };
    }

    private static ServicePort? BindPort(BindContext context, ManifestNode node, string path)
    {
        var port = ObjectReader.Open(context, node, path, PortShape);
        if (port is null)
            return null;
        var number = port.Int("port");
        var protocol = port.Enum<ServiceProtocol>("protocol");
        var name = port.Label("name");
        return number is null ? null : new ServicePort { Port = number.Value, Protocol = protocol ?? ServiceProtocol.Http, Name = name };
    }

    private static Deployment? BindDeployment(BindContext context, ManifestNode node, string path)
    {
        var deployment = ObjectReader.Open(context, node, path, DeploymentShape);
        if (deployment is null)
            return null;
        var site = deployment.Label("site");
        var version = deployment.Label("version");
        var discovery = deployment.Object("discovery", BindDiscovery) ?? ServiceDiscovery.Kubernetes;
        var aws = deployment.Object("aws", BindAwsWorkload);
        return site is null || version is null ? null : new Deployment { Site = site, Version = version, Discovery = discovery, Aws = aws };
    }

    private static AwsWorkload? BindAwsWorkload(BindContext context, ManifestNode node, string path)
    {
        var aws = ObjectReader.Open(context, node, path, AwsWorkloadShape);
        var text = aws?.String("role");
        if (aws is null || text is null)
            return null;
        if (IamRoleArn.TryParse(text) is { } role)
            return new AwsWorkload { Role = role };
        context.Error(DiagnosticCodes.InvalidValue, aws.FieldPath("role"), aws.Node("role")!.Location, $"'{Scalars.Truncate(text)}' is not an IAM role ARN",
            "Give the role's ARN as IAM shows it, e.g. arn:aws:iam::123456789012:role/checkout-task (a role path goes before the name: role/teams/shop/checkout-task).");
        return null;
    }

    private static ServiceDiscovery? BindDiscovery(BindContext context, ManifestNode node, string path)
    {
        var discovery = ObjectReader.Open(context, node, path, DiscoveryShape);
        if (discovery is null)
            return null;
        var given = discovery.Given(DiscoveryShape.Names);
        if (given.Count != 1)
        {
            context.Error(DiagnosticCodes.WrongType, path, node.Location,
                given.Count == 0 ? "discovery names no method" : $"discovery names {given.Count} methods ({string.Join(", ", given)})",
                "Give exactly one of: kubernetes: {}, dns: <hostname>, cloudMap: {namespace, service}, static: [host:port, ...].");
            return null;
        }
        switch (given[0])
        {
            case "dns":
                var hostname = discovery.String("dns");
                if (hostname is not null && !Addresses.IsHostName(hostname))
                {
                    context.Error(DiagnosticCodes.InvalidValue, discovery.FieldPath("dns"), discovery.Node("dns")!.Location,
                        $"'{Scalars.Truncate(hostname)}' is not a DNS host name", "Give the name the site's workloads resolve, e.g. checkout.shop.svc.cluster.local.");
                    return null;
                }
                return hostname is null ? null : new DnsDiscovery { Hostname = hostname };
            case "cloudMap":
                return discovery.Object("cloudMap", BindCloudMap);
            case "static":
                var endpoints = discovery.List("static", BindEndpoint);
                return endpoints.Count == 0 ? null : new StaticDiscovery { Endpoints = endpoints };
            default:
                var kubernetes = discovery.Node("kubernetes");
                if (kubernetes is not null)
                    ObjectReader.Open(context, kubernetes, discovery.FieldPath("kubernetes"), KubernetesDiscoveryShape);
                return ServiceDiscovery.Kubernetes;
        }
    }

    private static CloudMapDiscovery? BindCloudMap(BindContext context, ManifestNode node, string path)
    {
        var cloudMap = ObjectReader.Open(context, node, path, CloudMapShape);
        var ns = cloudMap?.String("namespace");
        var service = cloudMap?.String("service");
        return ns is null || service is null ? null : new CloudMapDiscovery { NamespaceName = ns, ServiceName = service };
    }

    private static string? BindEndpoint(BindContext context, ManifestNode node, string path)
    {
        var text = Scalars.String(context, node, path);
        if (text is null)
            return null;
        if (Addresses.TryParseEndpoint(text, out _, out _))
            return text;
        context.Error(DiagnosticCodes.InvalidValue, path, node.Location, $"'{Scalars.Truncate(text)}' is not host:port",
            "Write endpoints as 10.20.0.7:8080, vm1.dc.example:8080 or [2001:db8::7]:8080.");
        return null;
    }

    private static ExportPolicy BindExportTo(ObjectReader service)
    {
        if (!service.Has("exportTo"))
            return ExportPolicy.Everywhere;
        var entries = service.List("exportTo", (c, n, p) =>
        {
            var text = Scalars.String(c, n, p);
            if (text is null or ExportAll)
                return text;
            return Scalars.DnsLabel(c, n, p);
        });
        return entries.Contains(ExportAll)
            ? ExportPolicy.Everywhere
            : new ExportPolicy { AllSites = false, Sites = entries };
    }
}
