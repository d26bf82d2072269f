# A meshfed gateway for one GCP site, on GKE: a Deployment in the gateway namespace, a ClusterIP Service for
# the site's mesh (local listener), a LoadBalancer Service on a reserved address for the peers (peer port,
# admitting only their CIDRs), Workload Identity to a Google service account that may write metrics and
# traces and read this site's three trust secrets, and nothing else.

locals {
  name = "meshfed-${var.mesh_name}-${var.site_name}"
  labels = merge(var.labels, {
    "app.kubernetes.io/managed-by" = "meshfed"
    "meshfed-dev-mesh"             = var.mesh_name
    "meshfed-dev-site"             = var.site_name
  })
  selector = { app = var.kubernetes.service_name }

  manifest_dir = "/etc/meshfed/manifest"
  trust_dir    = "/etc/meshfed/trust"
  admitted     = distinct(concat(var.peer_cidrs, var.extra_peer_cidrs))

  # Google service account ids: 6-30 characters.
  account_id = substr("mf-${sha1("${var.mesh_name}/${var.site_name}")}", 0, 30)
  roles = concat(
    contains(var.telemetry.metrics, "cloud-monitoring") ? ["roles/monitoring.metricWriter"] : [],
    contains(var.telemetry.traces, "cloud-trace") ? ["roles/cloudtrace.agent"] : [],
  )
  trust_files = {
    "bundle.pem"  = var.trust_secrets.bundle
    "gateway.crt" = var.trust_secrets.certificate
    "gateway.key" = var.trust_secrets.private_key
  }
}

# --- Identity: Workload Identity binds the gateway's Kubernetes service account to a Google one ---------

resource "google_service_account" "gateway" {
  project      = var.project
  account_id   = local.account_id
  display_name = "meshfed gateway ${var.mesh_name}/${var.site_name}"
  description  = "meshfed gateway of site ${var.site_name}: telemetry export and its trust secrets"
}

resource "google_project_iam_member" "telemetry" {
  for_each = toset(local.roles)
  project  = var.project
  role     = each.value
  member   = google_service_account.gateway.member
}

resource "google_secret_manager_secret_iam_member" "trust" {
  for_each  = local.trust_files
  project   = var.project
  secret_id = each.value
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.gateway.member
}

resource "google_service_account_iam_member" "workload_identity" {
  service_account_id = google_service_account.gateway.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "serviceAccount:${var.project}.svc.id.goog[${var.kubernetes.namespace}/${var.kubernetes.service_account}]"
}

# --- Network: a reserved address for the peers; only their CIDRs reach the peer port ---------------------

resource "google_compute_address" "peer" {
  project      = var.project
  region       = var.region
  name         = "${local.name}-peer"
  address_type = "EXTERNAL"
  description  = "meshfed ${var.site_name}: the address other sites dial (gateway.address)"
  labels       = local.labels
}

resource "google_compute_firewall" "peers" {
  project       = var.project
  name          = "${local.name}-peers"
  network       = var.network
  description   = "meshfed ${var.site_name}: peer gateways only, on the peer port"
  direction     = "INGRESS"
  source_ranges = local.admitted
  target_tags   = var.node_network_tags
  allow {
    protocol = "tcp"
    ports    = [tostring(var.gateway.peer_port)]
  }

  lifecycle {
    precondition {
      condition     = length(var.unresolved_peers) == 0 || length(var.extra_peer_cidrs) > 0
      error_message = "Peers ${join(", ", var.unresolved_peers)} have DNS names as gateway addresses: give their CIDRs in extra_peer_cidrs."
    }
  }
}

# --- Kubernetes: namespace, service account, manifest, trust files, Deployment, Services -----------------

resource "kubernetes_namespace_v1" "gateway" {
  metadata {
    name   = var.kubernetes.namespace
    labels = merge(local.labels, { "istio-injection" = "enabled" })
  }
}

resource "kubernetes_service_account_v1" "gateway" {
  metadata {
    name        = var.kubernetes.service_account
    namespace   = kubernetes_namespace_v1.gateway.metadata[0].name
    labels      = local.labels
    annotations = { "iam.gke.io/gcp-service-account" = google_service_account.gateway.email }
  }
}

resource "kubernetes_config_map_v1" "manifest" {
  metadata {
    name      = "meshfed-manifest"
    namespace = kubernetes_namespace_v1.gateway.metadata[0].name
    labels    = local.labels
  }
  data = var.manifest_files
}

# The Secret Manager add-on of GKE mounts the three secrets as files; they never pass through Terraform state.
resource "kubernetes_manifest" "trust" {
  manifest = {
    apiVersion = "secrets-store.csi.x-k8s.io/v1"
    kind       = "SecretProviderClass"
    metadata = {
      name      = "meshfed-trust"
      namespace = kubernetes_namespace_v1.gateway.metadata[0].name
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
  metadata {
    name      = var.kubernetes.service_name
    namespace = kubernetes_namespace_v1.gateway.metadata[0].name
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
      }
      spec {
        service_account_name = kubernetes_service_account_v1.gateway.metadata[0].name
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
          args  = ["gateway", local.manifest_dir, "--site", var.site_name, "--trust-dir", local.trust_dir]
          port {
            name           = "peer"
            container_port = var.gateway.peer_port
          }
          port {
            name           = "http-local"
            container_port = var.gateway.local_port
          }
          port {
            name           = "admin"
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
            name = kubernetes_config_map_v1.manifest.metadata[0].name
          }
        }
        volume {
          name = "trust"
          csi {
            driver    = "secrets-store-gke.csi.k8s.io"
            read_only = true
            volume_attributes = {
              secretProviderClass = kubernetes_manifest.trust.manifest.metadata.name
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
  metadata {
    name      = var.kubernetes.service_name
    namespace = kubernetes_namespace_v1.gateway.metadata[0].name
    labels    = local.labels
  }
  spec {
    type     = "ClusterIP"
    selector = local.selector
    port {
      name        = "http-local"
      port        = var.gateway.local_port
      target_port = var.gateway.local_port
    }
    port {
      name        = "http-admin"
      port        = var.gateway.admin_port
      target_port = var.gateway.admin_port
    }
  }
}

# The peers reach the peer listener on the reserved address; GKE narrows its own firewall rule to the ranges.
resource "kubernetes_service_v1" "peer" {
  metadata {
    name      = "${var.kubernetes.service_name}-peer"
    namespace = kubernetes_namespace_v1.gateway.metadata[0].name
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
