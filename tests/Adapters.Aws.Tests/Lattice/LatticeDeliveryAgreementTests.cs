using MeshFed.Adapters.Aws.Lattice;
using MeshFed.Adapters.Aws.Lattice.Api;
using MeshFed.Model;

namespace MeshFed.Adapters.Aws.Tests.Lattice;

/// <summary>
/// Where the gateway delivers into Lattice (SiteView.LatticeDelivery) is where the rendering puts the service: the
/// same service name, custom domain, listener port and scheme, for every served service and port of the golden cases.
/// </summary>
public class LatticeDeliveryAgreementTests
{
    [Theory]
    [MemberData(nameof(LatticeGolden.Cases), MemberType = typeof(LatticeGolden))]
    public void Delivery_EveryServedPort_MatchesTheRenderedServiceAndListener(string name)
    {
        var mesh = LatticeGolden.Load(name);
        var checkedPorts = 0;
        foreach (var site in mesh.Sites.Where(LatticeTranslator.Renders))
        {
            var view = new SiteView(mesh, site);
            var inputs = LatticeTranslator.Translate(mesh, site.Name).Resources.Select(r => r.Input).ToList();
            foreach (var service in view.ServedServices)
            {
                foreach (var port in service.Ports)
                {
                    if (view.LatticeDelivery(service, port) is not { } delivery)
                        continue;
                    var created = inputs.OfType<CreateServiceInput>().Single(s => s.Name == delivery.ServiceName);
                    var listener = inputs.OfType<CreateListenerInput>().Single(l => l.ServiceIdentifier == LatticeRefs.Service(delivery.ServiceName) && l.Port == delivery.Port);
                    Assert.Equal(delivery.Host, created.CustomDomainName);
                    Assert.Equal(delivery.Scheme, listener.Protocol == ListenerProtocol.Https ? "https" : "http");
                    checkedPorts++;
                }
            }
        }
        Assert.True(checkedPorts > 0, $"{name}: no served port checked");
    }
}
