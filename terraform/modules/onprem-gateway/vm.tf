# platform = "vm": the gateway on a host, as files rendered into output_dir. Everything here exists only on that
# platform (count / for_each on local.vm).
#
# The container shares the host's network namespace (--network=host) instead of publishing ports: podman
# publishes ports by DNAT, and DNAT'd packets traverse the forward hook, not input, so an input-chain filter
# would never see them (fidelity review row 21; nftables wiki, "Netfilter hooks": packets routed to another
# namespace take prerouting -> forward -> postrouting). In the host's namespace the listeners are local sockets
# and the input chain below filters all three ports.

locals {
  host_trust_dir = var.trust_dir
  exec_start = {
    podman = join(" ", concat(
      ["/usr/bin/podman run --rm --name meshfed-gateway --network=host --read-only --tmpfs /tmp --user 1654:1654"],
      ["--cap-drop=ALL --security-opt=no-new-privileges"],
      ["-v ${local.manifest_dir}:${local.manifest_dir}:ro,Z -v ${local.host_trust_dir}:${local.trust_dir}:ro,Z"],
      ["-e MESHFED_SPIFFE_ID=${var.spiffe_id}", var.image],
      local.gateway_args,
    ))
    binary = join(" ", concat(["/opt/meshfed/meshfed"], [for a in local.gateway_args : a == local.trust_dir ? local.host_trust_dir : a]))
  }

  unit = <<-EOT
    # meshfed gateway of site ${var.site_name} (mesh ${var.mesh_name}) on ${coalesce(var.host_name, "-")}. Rendered by Terraform.
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
    ReadOnlyPaths=${local.host_trust_dir} ${local.manifest_dir}
    ProtectSystem=strict
    ProtectHome=yes
    PrivateTmp=yes
    NoNewPrivileges=yes
    %{endif}
    [Install]
    WantedBy=multi-user.target
  EOT

  # Per port: who may reach it. The host itself always may (ExecStartPost's /readyz, local scrapers).
  admitted_by_port = {
    peer  = { port = var.gateway.peer_port, cidrs = local.admitted, what = "the other sites' gateways" }
    local = { port = var.gateway.local_port, cidrs = var.local_cidrs, what = "the site's mesh workloads" }
    admin = { port = var.gateway.admin_port, cidrs = var.admin_cidrs, what = "admin_cidrs (metrics, health checks)" }
  }

  nftables = <<-EOT
    # meshfed ${var.site_name}: only the other sites' gateways reach the peer port ${var.gateway.peer_port}, only the
    # site's mesh the local port ${var.gateway.local_port}, only admin_cidrs the admin port ${var.gateway.admin_port}.
    # The gateway runs in the host's network namespace, so these input rules see every connection to it.
    table inet meshfed {
      chain input {
        type filter hook input priority 0; policy accept;
        iif "lo" tcp dport { ${var.gateway.peer_port}, ${var.gateway.local_port}, ${var.gateway.admin_port} } accept
    %{for name, p in local.admitted_by_port~}
        # ${name}: ${p.what}
    %{for c in p.cidrs~}
        ${strcontains(c, ":") ? "ip6" : "ip"} saddr ${c} tcp dport ${p.port} accept
    %{endfor~}
        tcp dport ${p.port} drop
    %{endfor~}
      }
    }
  EOT
}

resource "local_file" "unit" {
  count           = local.vm ? 1 : 0
  filename        = "${var.output_dir}/etc/systemd/system/meshfed-gateway.service"
  content         = local.unit
  file_permission = "0644"
}

resource "local_file" "manifest" {
  for_each        = local.vm ? var.manifest_files : {}
  filename        = "${var.output_dir}${local.manifest_dir}/${each.key}"
  content         = each.value
  file_permission = "0644"
}

resource "local_file" "firewall" {
  count           = local.vm ? 1 : 0
  filename        = "${var.output_dir}/etc/nftables.d/meshfed-gateway.nft"
  content         = local.nftables
  file_permission = "0644"
  depends_on      = [terraform_data.peers_resolved]
}
