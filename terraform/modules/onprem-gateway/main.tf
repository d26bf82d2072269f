# A meshfed gateway for one on-prem host: the files a host needs, rendered into output_dir for your
# configuration management to copy: a systemd unit (running the image with podman, read-only, as the image's
# non-root user; or a published binary), the manifest, and an nftables rule set admitting only the other
# sites' gateways on the peer port. The trust files come from your own secret store into trust_dir.

locals {
  manifest_dir = "/etc/meshfed/manifest"
  admitted     = distinct(concat(var.peer_cidrs, var.extra_peer_cidrs))
  ipv4         = [for c in local.admitted : c if !strcontains(c, ":")]
  ipv6         = [for c in local.admitted : c if strcontains(c, ":")]
  ports        = "-p ${var.gateway.peer_port}:${var.gateway.peer_port} -p ${var.gateway.local_port}:${var.gateway.local_port} -p ${var.gateway.admin_port}:${var.gateway.admin_port}"
  gateway_args = "gateway ${local.manifest_dir} --site ${var.site_name} --trust-dir /etc/meshfed/trust"

  exec_start = {
    podman = "/usr/bin/podman run --rm --name meshfed-gateway --read-only --tmpfs /tmp --user 1654:1654 ${local.ports} -v ${local.manifest_dir}:${local.manifest_dir}:ro,Z -v ${var.trust_dir}:/etc/meshfed/trust:ro,Z -e MESHFED_SPIFFE_ID=${var.spiffe_id} ${var.image} ${local.gateway_args}"
    binary = "/opt/meshfed/meshfed ${replace(local.gateway_args, "/etc/meshfed/trust", var.trust_dir)}"
  }

  unit = <<-EOT
    # meshfed gateway of site ${var.site_name} (mesh ${var.mesh_name}) on ${var.host_name}. Rendered by Terraform.
    [Unit]
    Description=meshfed gateway ${var.mesh_name}/${var.site_name}
    Wants=network-online.target
    After=network-online.target

    [Service]
    Type=exec
    ExecStart=${local.exec_start[var.runtime]}
    # Ready only when the admin listener says so (the gateway's /readyz); needs curl on the host.
    ExecStartPost=/usr/bin/curl --silent --fail --retry 30 --retry-delay 1 --retry-all-errors --output /dev/null http://127.0.0.1:${var.gateway.admin_port}/readyz
    Restart=always
    RestartSec=5
    %{if var.runtime == "binary"}DynamicUser=yes
    ReadOnlyPaths=${var.trust_dir} ${local.manifest_dir}
    ProtectSystem=strict
    ProtectHome=yes
    PrivateTmp=yes
    NoNewPrivileges=yes
    %{endif}
    [Install]
    WantedBy=multi-user.target
  EOT

  nftables = <<-EOT
    # meshfed ${var.site_name}: only the other sites' gateways reach the peer port ${var.gateway.peer_port}.
    table inet meshfed {
      chain input {
        type filter hook input priority 0; policy accept;
    %{for c in local.ipv4~}
        ip saddr ${c} tcp dport ${var.gateway.peer_port} accept
    %{endfor~}
    %{for c in local.ipv6~}
        ip6 saddr ${c} tcp dport ${var.gateway.peer_port} accept
    %{endfor~}
        tcp dport ${var.gateway.peer_port} drop
    %{for c in var.local_cidrs~}
        ip saddr ${c} tcp dport ${var.gateway.local_port} accept
    %{endfor~}
        tcp dport ${var.gateway.local_port} drop
      }
    }
  EOT
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

resource "local_file" "unit" {
  filename        = "${var.output_dir}/etc/systemd/system/meshfed-gateway.service"
  content         = local.unit
  file_permission = "0644"
}

resource "local_file" "manifest" {
  for_each        = var.manifest_files
  filename        = "${var.output_dir}${local.manifest_dir}/${each.key}"
  content         = each.value
  file_permission = "0644"
}

resource "local_file" "firewall" {
  filename        = "${var.output_dir}/etc/nftables.d/meshfed-gateway.nft"
  content         = local.nftables
  file_permission = "0644"
  depends_on      = [terraform_data.peers_resolved]
}
