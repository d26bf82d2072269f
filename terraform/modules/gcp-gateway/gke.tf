# platform = "gke": the gateway as a Deployment on GKE (the `kubernetes` provider must point at the cluster):
# a ClusterIP Service for the site's mesh (local listener), a LoadBalancer Service on the reserved address for
# the peers, Workload Identity to the gateway's Google service account, the trust files mounted by GKE's
# Secret Manager add-on. Everything here exists only on that platform (count on local.gke).

locals {
  selector = { app = var.kubernetes.service_name }
}

resource "google_service_account_iam_member" "workload_identity" {
  count              = local.gke ? 1 : 0
  service_account_id = google_service_account.gateway.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "serviceAccount:${var.project}.svc.id.goog[${var.kubernetes.namespace}/${var.kubernetes.service_account}]"
}

# --- Kubernetes: namespace, service account, manifest, trust files, Deployment, Services -----------------

resource "kubernetes_namespace_v1" "gateway" {
  count = local.gke ? 1 : 0
  metadata {
    name   = var.kubernetes.namespace
    labels = merge(local.labels, { "istio-injection" = "enabled" })
  }
}

resource "kubernetes_service_account_v1" "gateway" {
  count = local.gke ? 1 : 0
  metadata {
    name        = var.kubernetes.service_account
    namespace   = kubernetes_namespace_v1.gateway[0].metadata[0].name
    labels      = local.labels
    annotations = { "iam.gke.io/gcp-service-account" = google_service_account.gateway.email }
  }
}

resource "kubernetes_config_map_v1" "manifest" {
  count = local.gke ? 1 : 0
  metadata {
    name      = "meshfed-manifest"
    namespace = kubernetes_namespace_v1.gateway[0].metadata[0].name
    labels    = local.labels
  }
  data = var.manifest_files
}

# The Secret Manager add-on of GKE mounts the three secrets as files; they never pass through Terraform state.
resource "kubernetes_manifest" "trust" {
  count = local.gke ? 1 : 0
  manifest = {
    apiVersion = "secrets-store.csi.x-k8s.io/v1"
    kind       = "SecretProviderClass"
    metadata = {
      name      = "meshfed-trust"
      namespace = kubernetes_namespace_v1.gateway[0].metadata[0].name
    }
    spec = {
      provider = "gke"
      parameters = {
        secrets = yamlencode([for path, id in local.trust_files : {
          resourceName = "projects/${var.project}/secrets/${id}/versions/latest"
          path         = path
        }])
      }
    }
  }
}

resource "kubernetes_deployment_v1" "gateway" {
  count = local.gke ? 1 : 0
  metadata {
    name      = var.kubernetes.service_name
    namespace = kubernetes_namespace_v1.gateway[0].metadata[0].name
    labels    = local.labels
  }
  spec {
    replicas = var.replicas
    selector {
      match_labels = local.selector
    }
    template {
      metadata {
        labels = merge(local.labels, local.selector, { version = "v1" })
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
        volume {
          name = "trust"
          csi {
            driver    = "secrets-store-gke.csi.k8s.io"
            read_only = true
            volume_attributes = {
              secretProviderClass = kubernetes_manifest.trust[0].manifest.metadata.name
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
  count = local.gke ? 1 : 0
  metadata {
    name      = var.kubernetes.service_name
    namespace = kubernetes_namespace_v1.gateway[0].metadata[0].name
    labels    = local.labels
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

# The peers reach the peer listener on the reserved address; GKE narrows its own firewall rule to the ranges.
# With externalTrafficPolicy Local, Google's load balancer health check probes kube-proxy's healthCheckNodePort
# on each node (does the node hold a ready gateway pod?), not the gateway's /readyz: the pod's readiness probe on
# /readyz decides whether it is an endpoint, and that is how /readyz gates the peers' traffic here
# (Kubernetes "Create an External Load Balancer", preserving the client source IP; GKE LoadBalancer Service
# parameters, externalTrafficPolicy).
resource "kubernetes_service_v1" "peer" {
  count = local.gke ? 1 : 0
  metadata {
    name      = "${var.kubernetes.service_name}-peer"
    namespace = kubernetes_namespace_v1.gateway[0].metadata[0].name
    labels    = local.labels
  }
  spec {
    type                        = "LoadBalancer"
    load_balancer_ip            = google_compute_address.peer.address
    load_balancer_source_ranges = local.admitted
    external_traffic_policy     = "Local"
    selector                    = local.selector
    port {
      name        = "tls-peer"
      port        = var.gateway.peer_port
      target_port = var.gateway.peer_port
    }
  }
}
