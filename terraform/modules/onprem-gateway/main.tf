# A meshfed gateway for one on-prem site. The platform is the manifest's gateway.platform, rendered into the
# tfvars:
# - kubernetes (kubernetes.tf): a Deployment with the Istio sidecar in the site's own cluster, as on GKE: the
#   Istio rendering routes to meshfed-gateway.meshfed-system and expects the gateway's mesh identity, which only
#   a mesh workload has (fidelity review row 6);
# - vm (vm.tf): the files a host needs, rendered into output_dir for your configuration management to copy: a
#   systemd unit (the image with podman in the host's network namespace, or a published binary), the manifest,
#   and an nftables rule set admitting only the other sites' gateways on the peer port, the site's mesh on the
#   local port and admin_cidrs on the admin port.

locals {
  kubernetes   = var.platform == "kubernetes"
  vm           = var.platform == "vm"
  manifest_dir = "/etc/meshfed/manifest"
  trust_dir    = "/etc/meshfed/trust"
  admitted     = distinct(concat(var.peer_cidrs, var.extra_peer_cidrs))

  # The gateway's runtime contract with every listener given explicitly. The admin listener binds to 127.0.0.1
  # unless told otherwise (security review E19); the kubelet's probes come from the network, and on a host the
  # nftables rules admit only the host itself and admin_cidrs. XFCC is trusted only from the Istio sidecar's
  # inbound source in Kubernetes (gateway.trust_xfcc_from); on a host nothing fronts the local listener, the
  # list is empty and the gateway strips the header.
  gateway_args = concat(
    [
      "gateway", local.manifest_dir, "--site", var.site_name, "--trust-dir", local.trust_dir,
      "--local-listen", "0.0.0.0:${var.gateway.local_port}",
      "--admin-listen", "0.0.0.0:${var.gateway.admin_port}",
    ],
    length(var.gateway.trust_xfcc_from) > 0 ? ["--trust-xfcc-from", join(",", var.gateway.trust_xfcc_from)] : [],
  )
}

resource "terraform_data" "peers_resolved" {
  input = local.admitted
  lifecycle {
    precondition {
      condition     = length(var.unresolved_peers) == 0 || length(var.extra_peer_cidrs) > 0
      error_message = "Peers ${join(", ", var.unresolved_peers)} have DNS names as gateway addresses: give their CIDRs in extra_peer_cidrs."
    }
  }
}
