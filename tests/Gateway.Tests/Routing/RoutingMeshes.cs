namespace MeshFed.Gateway.Tests;

/// <summary>Manifest text for the routing unit tests: one service on three sites with every kind of route.</summary>
public static class RoutingMeshes
{
    /// <summary>
    /// <c>orders</c>: v1 on a and c, v2 on b, failover c then b; routes <c>beta</c> (header), <c>pinned</c> (v1 at c
    /// only) and <c>canary</c> (70/30). <c>api</c>: v1 on b, one header route and no catch-all.
    /// </summary>
    public const string ThreeSites = TestMeshes.Sites + """

            - name: orders
              ports: [{ port: 8081 }]
              deployments:
                - { site: a, version: v1 }
                - { site: b, version: v2 }
                - { site: c, version: v1 }
              traffic:
                failover: [c, b]
                routes:
                  - name: beta
                    match: { headers: { x-beta: { exact: "1" } } }
                    to: [{ version: v2 }]
                  - name: pinned
                    match: { pathPrefix: /pinned }
                    to: [{ version: v1, site: c }]
                  - name: canary
                    to: [{ version: v1, weight: 70 }, { version: v2, weight: 30 }]
            - name: api
              ports: [{ port: 8080 }]
              deployments: [{ site: b, version: v1 }]
              traffic:
                routes:
                  - name: admins
                    match: { headers: { x-admin: { present: true } } }
                    to: [{ version: v1 }]
        """;
}
