#!/usr/bin/env python3
"""Writes schemas/meshfed.schema.json, the manifest's JSON Schema (draft-07) for editors.

The loader in src/Model is the reference; this file describes the same shape for tools that only speak
JSON Schema. tests/Model.Tests/SchemaAgreementTests.cs proves the two agree on every example and on the
invalid corpus, so a change to either side that is not made to the other fails the build.
Run: python3 schemas/generate_schema.py
"""
import json
import os
LABEL = "^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$"
DURATION = {"type": "string", "pattern": "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$", "not": {"pattern": "^(0+(\\.0+)?(ms|s|m|h))+$"},
            "description": "A duration with unit ms, s, m or h, e.g. 250ms, 10s, 1m30s. Millisecond precision."}
HEADER = "^[a-z0-9!#$%&'*+.^_`|~-]+$"
METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"]
def obj(props, required=None, desc=None, **kw):
    o = {"type": "object", "additionalProperties": False, "properties": props}
    if required: o["required"] = required
    if desc: o["description"] = desc
    o.update(kw)
    return o
def ref(name): return {"$ref": f"#/definitions/{name}"}
def label(desc): return {"type": "string", "pattern": LABEL, "description": desc}
VERSION = {"type": "string", "pattern": "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", "description": "A version label (RFC 1123: may start with a digit), e.g. v2 or 2024-11."}
def arr(items, desc=None, **kw):
    a = {"type": "array", "items": items}
    if desc: a["description"] = desc
    a.update(kw); return a
def port(desc): return {"type": "integer", "minimum": 1, "maximum": 65535, "description": desc}

defs = {}
defs["name"] = {"type": "string", "pattern": LABEL, "description": "A DNS label: 1-63 lowercase letters, digits and '-', starting with a letter."}
defs["duration"] = DURATION
defs["site"] = obj({
    "name": label("Unique site name; appears in SPIFFE IDs and resource names."),
    "provider": {"enum": ["aws", "gcp", "onprem"], "description": "Where the site runs."},
    "mesh": {"enum": ["appmesh", "vpc-lattice", "istio", "cloud-service-mesh"], "description": "The mesh the site runs (default: appmesh on aws, istio elsewhere)."},
    "region": {"type": "string", "description": "Cloud region (required for aws)."},
    "project": {"type": "string", "description": "GCP project id (required for gcp)."},
    "network": {"type": "string", "pattern": "^[A-Za-z0-9]([-A-Za-z0-9._]{0,61}[A-Za-z0-9])?$", "description": "Network name; sites on one network reach each other's workloads directly."},
    "gateway": obj({"address": {"type": "string", "minLength": 1, "description": "DNS name or IP the other sites use to reach this site's gateway."},
                    "port": port("Peer (federation mTLS) port; default 15443."),
                    "platform": {"enum": ["ecs", "eks", "gke", "kubernetes", "vm"], "description": "How the gateway is deployed (default: ecs on aws, gke on gcp, kubernetes on onprem)."}},
                   ["address"], "This site's meshfed gateway."),
    "meshTrustDomain": {"type": "string", "pattern": "^[a-z0-9._-]+$", "description": "Trust domain of the site's own mesh (default cluster.local; PROJECT.svc.id.goog on cloud-service-mesh)."},
}, ["name", "provider"], "A place where workloads run.")
defs["discovery"] = obj({
    "kubernetes": obj({}, desc="The Kubernetes Service name.namespace.svc.cluster.local (the default)."),
    "dns": {"type": "string", "minLength": 1, "description": "A DNS name resolving to the workloads."},
    "cloudMap": obj({"namespace": {"type": "string"}, "service": {"type": "string"}}, ["namespace", "service"], "AWS Cloud Map (aws sites only)."),
    "static": arr({"type": "string", "minLength": 1}, "Fixed endpoints host:port (not on App Mesh sites).", minItems=1),
}, desc="How the site's mesh finds the workloads: exactly one method.", minProperties=1, maxProperties=1)
defs["stringMatch"] = {"oneOf": [
    {"type": "string", "description": "Shorthand for { exact: value }."},
    obj({"exact": {"type": "string"}, "prefix": {"type": "string"}, "suffix": {"type": "string"}, "regex": {"type": "string", "description": "RE2 over the whole value."},
         "present": {"const": True}}, minProperties=1, maxProperties=1)]}
defs["match"] = obj({
    "pathPrefix": {"type": "string", "pattern": "^/"},
    "path": {"type": "string", "pattern": "^/"},
    "pathRegex": {"type": "string", "description": "RE2 over the whole path."},
    "method": {"enum": METHODS},
    "headers": {"type": "object", "propertyNames": {"pattern": HEADER}, "additionalProperties": ref("stringMatch"), "description": "Lowercase header name: condition."},
    "queryParams": {"type": "object", "additionalProperties": ref("stringMatch")},
}, desc="All given conditions must hold; at most one of path, pathPrefix, pathRegex.",
   **{"not": {"anyOf": [{"required": ["path", "pathPrefix"]}, {"required": ["path", "pathRegex"]}, {"required": ["pathPrefix", "pathRegex"]}]}})
defs["target"] = obj({
    "version": VERSION,
    "site": label("Pins the share to one site."),
    "weight": {"type": "integer", "minimum": 0, "maximum": 100, "description": "Percent; required when a route has several targets."},
}, ["version"])
defs["retries"] = obj({
    "attempts": {"type": "integer", "minimum": 0, "maximum": 10},
    "perTryTimeout": ref("duration"),
    "on": arr({"enum": ["5xx", "gateway-error", "reset", "connect-failure", "refused-stream", "retriable-4xx", "cancelled", "deadline-exceeded", "internal", "resource-exhausted", "unavailable"]}),
}, ["attempts"])
defs["route"] = obj({
    "name": label("Route name (default route-N)."),
    "match": ref("match"),
    "to": {"type": "array", "minItems": 1, "items": ref("target"),
           "if": {"minItems": 2}, "then": {"items": {"required": ["weight"]}}, "description": "Weighted targets; weights sum to 100."},
    "timeout": ref("duration"),
    "retries": ref("retries"),
}, ["to"], "First match wins.")
defs["traffic"] = obj({
    "routes": arr(ref("route"), "Ordered routes."),
    "timeout": ref("duration"),
    "retries": ref("retries"),
    "circuitBreaker": obj({
        "consecutive5xx": {"type": "integer", "minimum": 1, "maximum": 1000},
        "interval": ref("duration"),
        "baseEjectionTime": ref("duration"),
        "maxEjectionPercent": {"type": "integer", "minimum": 0, "maximum": 100},
        "maxConnections": {"type": "integer", "minimum": 1, "maximum": 2147483647},
        "maxPendingRequests": {"type": "integer", "minimum": 1, "maximum": 2147483647},
        "maxRequests": {"type": "integer", "minimum": 1, "maximum": 2147483647},
    }),
    "loadBalancer": {"description": "ring-hash without hashOn hashes the caller's address.", "oneOf": [
        {"enum": ["round-robin", "least-request", "random", "ring-hash"]},
        obj({"policy": {"enum": ["round-robin", "least-request", "random", "ring-hash"]},
             "hashOn": obj({"header": {"type": "string", "pattern": HEADER}, "cookie": {"type": "string"}, "sourceIp": {"const": True}}, minProperties=1, maxProperties=1)},
            ["policy"])]},
    "failover": arr(ref("name"), "Preferred site order when a site is unhealthy."),
})
defs["security"] = obj({
    "mtls": {"enum": ["strict", "permissive"]},
    "allow": arr(obj({
        "from": arr({"type": "string", "pattern": "^(spiffe://[a-z0-9._-]+(/[a-zA-Z0-9._-]+)*|[a-z]([-a-z0-9]{0,61}[a-z0-9])?(/[a-z]([-a-z0-9]{0,61}[a-z0-9])?)?)$"},
                    "Service names (name or namespace/name) or SPIFFE IDs."),
        "methods": arr({"enum": METHODS}),
        "paths": arr({"type": "string", "pattern": "^(\\*|/[^*]*|/[^*]*\\*|\\*[^*]+)$"}, "Exact, prefix (/api/*) or suffix (*.json)."),
    })),
    "jwt": obj({
        "issuer": {"type": "string", "minLength": 1},
        "jwksUri": {"type": "string", "pattern": "^https://"},
        "audiences": arr({"type": "string"}),
        "required": {"type": "boolean"},
    }, ["issuer", "jwksUri"]),
})
defs["service"] = obj({
    "name": label("Service name, unique within its namespace."),
    "namespace": label("Kubernetes namespace (default: default)."),
    "ports": arr(obj({"port": port("Port number."), "protocol": {"enum": ["http", "http2", "grpc", "tcp"]}, "name": ref("name")}, ["port"]), minItems=1),
    "deployments": arr(obj({"site": ref("name"), "version": VERSION, "discovery": ref("discovery")}, ["site", "version"]), "Where each version runs.", minItems=1),
    "exportTo": arr({"type": "string", "pattern": "^(\\*|[a-z]([-a-z0-9]{0,61}[a-z0-9])?)$"}, "Sites that may call it across sites; \"*\" for all (the default)."),
    "traffic": ref("traffic"),
    "security": ref("security"),
}, ["name", "ports", "deployments"])
defs["telemetry"] = obj({
    "metrics": arr({"enum": ["cloudwatch", "cloud-monitoring", "prometheus", "otlp", "local"]}, uniqueItems=True),
    "traces": arr({"enum": ["xray", "cloud-trace", "otlp", "local"]}, uniqueItems=True),
    "sampling": {"type": "number", "minimum": 0, "maximum": 1},
    "latencyBuckets": arr(ref("duration"), maxItems=100),
})
schema = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "$id": "https://meshfed.dev/schemas/v1alpha1/meshfed.schema.json",
    "title": "meshfed FederatedMesh",
    "description": "One service mesh spanning AWS App Mesh, Istio on GCP and on-prem. Semantic rules (references, weights summing to 100, target limits, gateways) are checked by 'meshfed validate'.",
    "type": "object",
    "additionalProperties": False,
    "required": ["apiVersion", "kind", "metadata"],
    "properties": {
        "apiVersion": {"const": "meshfed.dev/v1alpha1"},
        "kind": {"const": "FederatedMesh"},
        "metadata": obj({"name": label("The mesh's name.")}, ["name"]),
        "spec": obj({
            "trustDomain": {"type": "string", "pattern": "^[a-z0-9._-]+$", "maxLength": 255, "description": "SPIFFE trust domain of the federation."},
            "sites": arr(ref("site"), minItems=1),
            "services": arr(ref("service")),
            "telemetry": ref("telemetry"),
        }),
    },
    "definitions": defs,
}
open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'meshfed.schema.json'), 'w').write(json.dumps(schema, indent=2) + "\n")
