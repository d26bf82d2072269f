using MeshFed.Model.Diagnostics;
using MeshFed.Model.Yaml;

namespace MeshFed.Model.Binding;

/// <summary>Binds <c>spec.services[]</c> with its ports, deployments and export list.</summary>
internal static class ServiceBinder
{
    public static readonly string[] Fields = ["name", "namespace", "ports", "deployments", "exportTo", "traffic", "security"];
    public static readonly string[] PortFields = ["port", "protocol", "name"];
    public static readonly string[] DeploymentFields = ["site", "version", "discovery"];
    public static readonly string[] DiscoveryFields = ["kubernetes", "dns", "cloudMap", "static"];
    public static readonly string[] CloudMapFields = ["namespace", "service"];

    public static Service? Bind(BindContext context, ManifestNode node, string path)
    {
        var service = ObjectReader.Open(context, node, path, "a service", Fields);
        if (service is null)
            return null;
        var name = service.Name("name", required: true);
        var @namespace = service.Name("namespace");
        var ports = service.List("ports", BindPort, required: true, nonEmpty: true);
        var deployments = service.List("deployments", BindDeployment, required: true, nonEmpty: true);
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
        var port = ObjectReader.Open(context, node, path, "a port", PortFields);
        if (port is null)
            return null;
        var number = port.Int("port", 1, 65535, required: true);
        var protocol = port.Enum<ServiceProtocol>("protocol");
        var name = port.Name("name");
        return number is null ? null : new ServicePort { Port = number.Value, Protocol = protocol ?? ServiceProtocol.Http, Name = name };
    }

    private static Deployment? BindDeployment(BindContext context, ManifestNode node, string path)
    {
        var deployment = ObjectReader.Open(context, node, path, "a deployment", DeploymentFields);
        if (deployment is null)
            return null;
        var site = deployment.Name("site", required: true);
        var version = deployment.Version("version", required: true);
        var discovery = deployment.Object("discovery", BindDiscovery) ?? ServiceDiscovery.Kubernetes;
        return site is null || version is null ? null : new Deployment { Site = site, Version = version, Discovery = discovery };
    }

    private static ServiceDiscovery? BindDiscovery(BindContext context, ManifestNode node, string path)
    {
        var discovery = ObjectReader.Open(context, node, path, "a discovery", DiscoveryFields);
        if (discovery is null)
            return null;
        var given = DiscoveryFields.Where(discovery.Has).ToList();
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
                var endpoints = discovery.List("static", BindEndpoint, nonEmpty: true);
                return endpoints.Count == 0 ? null : new StaticDiscovery { Endpoints = endpoints };
            default:
                var kubernetes = discovery.Node("kubernetes");
                if (kubernetes is not null)
                    ObjectReader.Open(context, kubernetes, discovery.FieldPath("kubernetes"), "kubernetes discovery", []);
                return ServiceDiscovery.Kubernetes;
        }
    }

    private static CloudMapDiscovery? BindCloudMap(BindContext context, ManifestNode node, string path)
    {
        var cloudMap = ObjectReader.Open(context, node, path, "Cloud Map discovery", CloudMapFields);
        var ns = cloudMap?.String("namespace", required: true);
        var service = cloudMap?.String("service", required: true);
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
            if (text is null or "*")
                return text;
            return Scalars.DnsLabel(c, n, p);
        });
        return entries.Contains("*")
            ? ExportPolicy.Everywhere
            : new ExportPolicy { AllSites = false, Sites = entries };
    }
}
