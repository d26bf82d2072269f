# platform = "kubernetes": the gateway as a Deployment with the Istio sidecar in the site's own cluster (the
# `kubernetes` provider must point at it), built like the GKE one: the Istio rendering sends every cross-site
# request to meshfed-gateway.meshfed-system.svc.cluster.local and admits the gateway by its mesh identity
# (cluster.local/ns/meshfed-system/sa/meshfed-gateway), which only a mesh workload has. A ClusterIP Service for
# the site's mesh, a LoadBalancer Service for the peers (MetalLB, kube-vip or the cluster's own), the trust
# files from a Secret you fill. Everything here exists only on that platform (count on local.kubernetes).

locals {
  k8s_labels = {
    "app.kubernetes.io/managed-by" = "meshfed"
    "meshfed.dev/mesh"             = var.mesh_name
    "meshfed.dev/site"             = var.site_name
  }
  selector = { app = var.kubernetes.service_name }
}

resource "kubernetes_namespace_v1" "gateway" {
  count = local.kubernetes ? 1 : 0
  metadata {
    name = var.kubernetes.namespace
    # The gateway is a workload of the site's mesh ("Automatic sidecar injection", Istio docs).
    labels = merge(local.k8s_labels, { "istio-injection" = "enabled" })
  }
}

resource "kubernetes_service_account_v1" "gateway" {
  count = local.kubernetes ? 1 : 0
  metadata {
    name      = var.kubernetes.service_account
    namespace = kubernetes_namespace_v1.gateway[0].metadata[0].name
    labels    = local.k8s_labels
  }
}

resource "kubernetes_config_map_v1" "manifest" {
  count = local.kubernetes ? 1 : 0
  metadata {
    name      = "meshfed-manifest"
    namespace = kubernetes_namespace_v1.gateway[0].metadata[0].name
    labels    = local.k8s_labels
  }
  data = var.manifest_files
}

resource "kubernetes_deployment_v1" "gateway" {
  count = local.kubernetes ? 1 : 0
  metadata {
    name      = var.kubernetes.service_name
    namespace = kubernetes_namespace_v1.gateway[0].metadata[0].name
    labels    = local.k8s_labels
  }
  spec {
    replicas = var.replicas
    selector {
      match_labels = local.selector
    }
    template {
      metadata {
        labels = merge(local.k8s_labels, local.selector, { version = "v1" })
        # The sidecar stays off the peer port, where the gateway terminates the federation mTLS itself
        # ("traffic.sidecar.istio.io/excludeInboundPorts", Istio Resource Annotations); it still terminates the
        # mesh's mTLS on the local port, so the XFCC it sets there is authentic.
        annotations = { "traffic.sidecar.istio.io/excludeInboundPorts" = tostring(var.gateway.peer_port) }
      }
      spec {
        service_account_name = kubernetes_service_account_v1.gateway[0].metadata[0].name
        security_context {
          run_as_non_root = true
          run_as_user     = 1654
          run_as_group    = 1654
          fs_group        = 1654
        }
        container {
          name = "gateway"
          # The image's entrypoint is `dotnet /app/meshfed.dll`; these are the gateway command's arguments.
          image = var.image
          args  = local.gateway_args
          port {
            name           = "tls-peer"
            container_port = var.gateway.peer_port
          }
          port {
            name           = "http2-local"
            container_port = var.gateway.local_port
          }
          port {
            name           = "http-admin"
            container_port = var.gateway.admin_port
          }
          env {
            name  = "MESHFED_SPIFFE_ID"
            value = var.spiffe_id
          }
          liveness_probe {
            http_get {
              path = "/healthz"
              port = var.gateway.admin_port
            }
            period_seconds = 10
          }
          readiness_probe {
            http_get {
              path = "/readyz"
              port = var.gateway.admin_port
            }
            period_seconds = 5
          }
          resources {
            requests = { cpu = var.resources.cpu, memory = var.resources.memory }
            limits   = { memory = var.resources.memory }
          }
          security_context {
            read_only_root_filesystem  = true
            allow_privilege_escalation = false
            capabilities {
              drop = ["ALL"]
            }
          }
          volume_mount {
            name       = "manifest"
            mount_path = local.manifest_dir
            read_only  = true
          }
          volume_mount {
            name       = "trust"
            mount_path = local.trust_dir
            read_only  = true
          }
          volume_mount {
            name       = "tmp"
            mount_path = "/tmp"
          }
        }
        volume {
          name = "manifest"
          config_map {
            name = kubernetes_config_map_v1.manifest[0].metadata[0].name
          }
        }
        # A Secret volume lives in the node's memory (tmpfs) and the kubelet replaces its files when the Secret
        # changes, so a rotated SVID reaches the running gateway, which watches the folder (Kubernetes
        # "Secrets": "Mounted Secrets are updated automatically"; not with subPath, which is why the whole
        # folder is mounted).
        volume {
          name = "trust"
          secret {
            secret_name  = var.trust_secret
            default_mode = "0440"
            items {
              key  = "bundle.pem"
              path = "bundle.pem"
            }
            items {
              key  = "gateway.crt"
              path = "gateway.crt"
            }
            items {
              key  = "gateway.key"
              path = "gateway.key"
            }
          }
        }
        volume {
          name = "tmp"
          empty_dir {
            medium = "Memory"
          }
        }
      }
    }
  }
}

# The site's mesh reaches the local listener at meshfed-gateway.meshfed-system.svc.cluster.local.
resource "kubernetes_service_v1" "local" {
  count = local.kubernetes ? 1 : 0
  metadata {
    name      = var.kubernetes.service_name
    namespace = kubernetes_namespace_v1.gateway[0].metadata[0].name
    labels    = local.k8s_labels
  }
  spec {
    type     = "ClusterIP"
    selector = local.selector
    # Istio picks each port's protocol from its name ("Protocol Selection", istio.io/latest/docs/ops/
    # configuration/traffic-management/protocol-selection/: <protocol>[-<suffix>]): http2 makes every caller's
    # sidecar speak HTTP/2 to the local listener (which takes prior-knowledge h2c), so gRPC keeps its trailers;
    # tls marks the peer port as TLS the sidecar does not terminate.
    port {
      name        = "http2-local"
      port        = var.gateway.local_port
      target_port = var.gateway.local_port
    }
    port {
      name        = "http-admin"
      port        = var.gateway.admin_port
      target_port = var.gateway.admin_port
    }
    port {
      name        = "tls-peer"
      port        = var.gateway.peer_port
      target_port = var.gateway.peer_port
    }
  }
}

# The peers reach the peer listener through the cluster's load balancer. externalTrafficPolicy Local keeps the
# peers' source addresses, so loadBalancerSourceRanges can admit only them ("Create an External Load Balancer",
# Kubernetes docs: preserving the client source IP; Service spec.loadBalancerSourceRanges). The load balancer
# checks the nodes through kube-proxy's healthCheckNodePort; the pods' readiness probe on /readyz decides which
# pods are endpoints.
resource "kubernetes_service_v1" "peer" {
  count = local.kubernetes ? 1 : 0
  metadata {
    name      = "${var.kubernetes.service_name}-peer"
    namespace = kubernetes_namespace_v1.gateway[0].metadata[0].name
    labels    = local.k8s_labels
  }
  spec {
    type                        = "LoadBalancer"
    load_balancer_ip            = var.load_balancer_ip
    load_balancer_source_ranges = local.admitted
    external_traffic_policy     = "Local"
    selector                    = local.selector
    port {
      name        = "tls-peer"
      port        = var.gateway.peer_port
      target_port = var.gateway.peer_port
    }
  }

  depends_on = [terraform_data.peers_resolved]
}
