# A meshfed gateway for one GCP site, on a reserved regional address that admits only the other sites' gateways
# on the peer port: a Deployment on GKE behind a LoadBalancer Service (platform = "gke", gke.tf) or a regional
# managed instance group of Container-Optimized OS VMs behind an external passthrough Network Load Balancer
# (platform = "mig", mig.tf); the platform is the manifest's gateway.platform (vm = mig), rendered into the tfvars. Either way it runs as a Google service account that may write metrics and
# traces and read this site's three trust secrets, and nothing else.

locals {
  name = "meshfed-${var.mesh_name}-${var.site_name}"
  # Kubernetes labels may carry a prefix; Google labels may hold only lowercase letters, digits, '_' and '-'.
  labels = merge(var.labels, {
    "app.kubernetes.io/managed-by" = "meshfed"
    "meshfed-dev-mesh"             = var.mesh_name
    "meshfed-dev-site"             = var.site_name
  })
  google_labels = merge(var.labels, {
    "managed-by"       = "meshfed"
    "meshfed-dev-mesh" = var.mesh_name
    "meshfed-dev-site" = var.site_name
  })
  gke = var.platform == "gke"
  mig = var.platform == "mig"

  manifest_dir = "/etc/meshfed/manifest"
  trust_dir    = "/etc/meshfed/trust"
  # The gateway's runtime contract with every listener given explicitly. The admin listener binds to 127.0.0.1
  # unless told otherwise (security review E19); the kubelet's probes (GKE) and Google's health checkers (MIG)
  # come from the network, the firewall rule health_checks admits only those on the VMs. XFCC is trusted only
  # from the Istio sidecar's inbound source, on GKE (gateway.trust_xfcc_from); on the VMs nothing fronts the
  # local listener, the list is empty and the gateway strips the header.
  gateway_args = concat(
    [
      "gateway", local.manifest_dir, "--site", var.site_name, "--trust-dir", local.trust_dir,
      "--local-listen", "0.0.0.0:${var.gateway.local_port}",
      "--admin-listen", "0.0.0.0:${var.gateway.admin_port}",
    ],
    length(var.gateway.trust_xfcc_from) > 0 ? ["--trust-xfcc-from", join(",", var.gateway.trust_xfcc_from)] : [],
  )
  admitted     = distinct(concat(var.peer_cidrs, var.extra_peer_cidrs))
  # The instances' network tag (platform mig): the firewall rules target it.
  instance_tag = trimsuffix(substr(local.name, 0, 63), "-")

  # Google service account ids: 6-30 characters.
  account_id = substr("mf-${sha1("${var.mesh_name}/${var.site_name}")}", 0, 30)
  roles = concat(
    contains(var.telemetry.metrics, "cloud-monitoring") ? ["roles/monitoring.metricWriter"] : [],
    contains(var.telemetry.traces, "cloud-trace") ? ["roles/cloudtrace.agent"] : [],
    # On the VMs, Container-Optimized OS's logging agent ships the container's logs as this account.
    local.mig ? ["roles/logging.logWriter"] : [],
  )
  trust_files = {
    "bundle.pem"  = var.trust_secrets.bundle
    "gateway.crt" = var.trust_secrets.certificate
    "gateway.key" = var.trust_secrets.private_key
  }
}

# --- Identity: the gateway's Google service account (GKE: through Workload Identity; MIG: the VMs') -------

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

# --- Network: a reserved address for the peers; only their CIDRs reach the peer port ---------------------

resource "google_compute_address" "peer" {
  project      = var.project
  region       = var.region
  name         = "${local.name}-peer"
  address_type = "EXTERNAL"
  description  = "meshfed ${var.site_name}: the address other sites dial (gateway.address)"
  labels       = local.google_labels
}

# Both load balancers pass the peers' source addresses through, so this rule on the backends is the filter.
resource "google_compute_firewall" "peers" {
  project       = var.project
  name          = "${local.name}-peers"
  network       = var.network
  description   = "meshfed ${var.site_name}: peer gateways only, on the peer port"
  direction     = "INGRESS"
  source_ranges = local.admitted
  target_tags   = local.gke ? var.node_network_tags : [local.instance_tag]
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
