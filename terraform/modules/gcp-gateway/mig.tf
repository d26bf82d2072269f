# platform = "mig": the gateway as a regional managed instance group of Container-Optimized OS VMs that run its
# image, autohealed on GET /readyz; an external passthrough Network Load Balancer on the reserved address for
# the peers, an internal one on `subnetwork` for the site's mesh (local listener). The VMs run as the gateway's
# Google service account and fetch the trust files from Secret Manager themselves, so the key never passes
# through Terraform state or instance metadata. Everything here exists only on that platform (count on local.mig).

locals {
  # Google's health-check probers: 35.191.0.0/16 and 130.211.0.0/22 (autohealing, internal passthrough NLB)
  # and 209.85.152.0/22, 209.85.204.0/22 (external passthrough NLB).
  health_check_ranges = ["35.191.0.0/16", "130.211.0.0/22", "209.85.152.0/22", "209.85.204.0/22"]

  # The trust files live in a tmpfs (/run) and are mounted read-only into the container. Each is written through
  # a temporary file and a rename, key before certificate, and only when all three were fetched, so a refresh
  # that fails keeps the last good ones (the gateway watches the folder: docs/gateway.md, rotation).
  host_trust_dir = "/run/meshfed/trust"
  fetch_trust    = <<-EOT
    #!/bin/bash
    # Fetches the three trust secrets from Secret Manager as the instance's service account.
    set -euo pipefail
    umask 077
    dir=${local.host_trust_dir}
    install -d -m 0700 -o 1654 -g 1654 "$dir"
    token=$(curl -sSf -H 'Metadata-Flavor: Google' \
      http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token \
      | sed -E 's/.*"access_token" *: *"([^"]+)".*/\1/')
    fetch() {
      curl -sSf -H "Authorization: Bearer $token" \
        "https://secretmanager.googleapis.com/v1/projects/${var.project}/secrets/$1/versions/latest:access" \
        | tr -d ' \n' | sed -E 's/.*"data":"([^"]+)".*/\1/' | base64 -d > "$dir/.$2.new"
      chown 1654:1654 "$dir/.$2.new"
    }
    fetch ${var.trust_secrets.bundle} bundle.pem
    fetch ${var.trust_secrets.private_key} gateway.key
    fetch ${var.trust_secrets.certificate} gateway.crt
    mv -f "$dir/.bundle.pem.new" "$dir/bundle.pem"
    mv -f "$dir/.gateway.key.new" "$dir/gateway.key"
    mv -f "$dir/.gateway.crt.new" "$dir/gateway.crt"
  EOT

  # Only Google's registries get the instance's credentials (docker-credential-gcr); others are pulled as is.
  registry        = split("/", var.image)[0]
  google_registry = endswith(local.registry, ".pkg.dev") || endswith(local.registry, "gcr.io")
  docker_run = join(" ", concat(
    ["/usr/bin/docker run --rm --name=meshfed-gateway --network=host --user=1654:1654 --read-only"],
    ["--tmpfs=/tmp:rw,size=64m --cap-drop=ALL --security-opt=no-new-privileges"],
    ["-v ${local.manifest_dir}:${local.manifest_dir}:ro -v ${local.host_trust_dir}:${local.trust_dir}:ro"],
    ["-e MESHFED_SPIFFE_ID=${var.spiffe_id}", var.image],
    local.gateway_args,
  ))
  gateway_unit = join("\n", concat(
    [
      "[Unit]",
      "Description=meshfed gateway of site ${var.site_name}",
      "Wants=network-online.target",
      "After=network-online.target",
      "",
      "[Service]",
      "Environment=HOME=/home/meshfed",
      "ExecStartPre=/bin/bash /etc/meshfed/fetch-trust.sh",
    ],
    local.google_registry ? ["ExecStartPre=/usr/bin/docker-credential-gcr configure-docker --registries=${local.registry}"] : [],
    [
      "ExecStartPre=-/usr/bin/docker rm -f meshfed-gateway",
      "ExecStart=${local.docker_run}",
      "ExecStop=/usr/bin/docker stop -t 25 meshfed-gateway",
      "Restart=always",
      "RestartSec=5",
      "",
    ],
  ))

  # cloud-init runs on every boot of Container-Optimized OS (its /etc does not persist), writing the manifest,
  # the fetch script and the units again before it starts them.
  cloud_config = "#cloud-config\n${yamlencode({
    write_files = concat(
      [for f in sort(keys(var.manifest_files)) : { path = "${local.manifest_dir}/${f}", permissions = "0644", content = var.manifest_files[f] }],
      [
        { path = "/etc/meshfed/fetch-trust.sh", permissions = "0700", content = local.fetch_trust },
        { path = "/etc/systemd/system/meshfed-gateway.service", permissions = "0644", content = local.gateway_unit },
        # Picks up rotated secret versions: a new certificate reaches the running gateway within the hour.
        { path = "/etc/systemd/system/meshfed-trust.service", permissions = "0644", content = "[Unit]\nDescription=meshfed trust files refresh\n\n[Service]\nType=oneshot\nExecStart=/bin/bash /etc/meshfed/fetch-trust.sh\n" },
        { path = "/etc/systemd/system/meshfed-trust.timer", permissions = "0644", content = "[Unit]\nDescription=meshfed trust files refresh\n\n[Timer]\nOnActiveSec=1h\nOnUnitActiveSec=1h\nRandomizedDelaySec=5m\n" },
      ],
    )
    runcmd = [
      ["systemctl", "daemon-reload"],
      ["systemctl", "start", "meshfed-gateway.service", "meshfed-trust.timer"],
    ]
  })}"
}

# --- The instances -----------------------------------------------------------------------------------------

resource "google_compute_instance_template" "gateway" {
  count        = local.mig ? 1 : 0
  project      = var.project
  region       = var.region
  name_prefix  = "${substr(local.name, 0, 36)}-"
  description  = "meshfed gateway ${var.mesh_name}/${var.site_name} on Container-Optimized OS"
  machine_type = var.machine_type
  tags         = [local.instance_tag]
  labels       = local.google_labels
  disk {
    source_image = var.source_image
    boot         = true
    auto_delete  = true
    disk_type    = "pd-balanced"
    disk_size_gb = 20
  }
  # No external address: peers arrive through the load balancer, and the instances reach the peers, Google APIs
  # and the image registry through the subnetwork's Cloud NAT (and Private Google Access).
  network_interface {
    network    = var.network
    subnetwork = var.subnetwork
  }
  service_account {
    email  = google_service_account.gateway.email
    scopes = ["cloud-platform"] # the account's roles are the limit
  }
  shielded_instance_config {
    enable_secure_boot          = true
    enable_vtpm                 = true
    enable_integrity_monitoring = true
  }
  metadata = {
    user-data              = local.cloud_config
    google-logging-enabled = "true"
    enable-oslogin         = "TRUE"
    block-project-ssh-keys = "TRUE"
  }
  # Templates are immutable: a change creates the next one before the group moves to it.
  lifecycle {
    create_before_destroy = true
  }
}

resource "google_compute_region_health_check" "gateway" {
  count               = local.mig ? 1 : 0
  project             = var.project
  region              = var.region
  name                = "${local.name}-readyz"
  description         = "meshfed ${var.site_name}: GET /readyz on the admin port (not draining, SVID valid)"
  check_interval_sec  = 10
  timeout_sec         = 5
  healthy_threshold   = 2
  unhealthy_threshold = 3
  http_health_check {
    port         = var.gateway.admin_port
    request_path = "/readyz"
  }
}

resource "google_compute_region_instance_group_manager" "gateway" {
  count              = local.mig ? 1 : 0
  project            = var.project
  region             = var.region
  name               = local.name
  base_instance_name = substr(local.name, 0, 54)
  target_size        = var.replicas
  version {
    instance_template = google_compute_instance_template.gateway[0].self_link_unique
  }
  named_port {
    name = "peer"
    port = var.gateway.peer_port
  }
  # An instance whose gateway stays unready is recreated; it fetches the latest secret versions on boot, so an
  # expired SVID heals too. The delay covers boot and the image pull.
  auto_healing_policies {
    health_check      = google_compute_region_health_check.gateway[0].id
    initial_delay_sec = 300
  }
  update_policy {
    type                  = "PROACTIVE"
    minimal_action        = "REPLACE"
    max_surge_fixed       = 3 # a regional group spreads over three zones; fixed values must be 0 or >= that
    max_unavailable_fixed = 0
  }
}

# --- Peers: an external passthrough Network Load Balancer on the reserved address ---------------------------

resource "google_compute_region_backend_service" "peer" {
  count                           = local.mig ? 1 : 0
  project                         = var.project
  region                          = var.region
  name                            = "${local.name}-peer"
  description                     = "meshfed ${var.site_name}: the peer port, passed through to the gateways"
  load_balancing_scheme           = "EXTERNAL"
  protocol                        = "TCP"
  health_checks                   = [google_compute_region_health_check.gateway[0].id]
  connection_draining_timeout_sec = 30
  backend {
    group          = google_compute_region_instance_group_manager.gateway[0].instance_group
    balancing_mode = "CONNECTION"
  }
}

# TCP pass-through: the gateway terminates the federation mTLS itself (it checks the peer's SPIFFE ID).
resource "google_compute_forwarding_rule" "peer" {
  count                 = local.mig ? 1 : 0
  project               = var.project
  region                = var.region
  name                  = "${local.name}-peer"
  description           = "meshfed ${var.site_name}: the address other sites dial, on the peer port"
  load_balancing_scheme = "EXTERNAL"
  ip_address            = google_compute_address.peer.address
  ip_protocol           = "TCP"
  ports                 = [tostring(var.gateway.peer_port)]
  backend_service       = google_compute_region_backend_service.peer[0].id
  labels                = local.google_labels
}

# --- The site's mesh: an internal passthrough Network Load Balancer on the local listener -------------------

resource "google_compute_region_backend_service" "local" {
  count                           = local.mig ? 1 : 0
  project                         = var.project
  region                          = var.region
  name                            = "${local.name}-local"
  description                     = "meshfed ${var.site_name}: the local listener, for the site's mesh"
  load_balancing_scheme           = "INTERNAL"
  protocol                        = "TCP"
  network                         = var.network
  health_checks                   = [google_compute_region_health_check.gateway[0].id]
  connection_draining_timeout_sec = 30
  backend {
    group          = google_compute_region_instance_group_manager.gateway[0].instance_group
    balancing_mode = "CONNECTION"
  }
}

resource "google_compute_forwarding_rule" "local" {
  count                 = local.mig ? 1 : 0
  project               = var.project
  region                = var.region
  name                  = "${local.name}-local"
  description           = "meshfed ${var.site_name}: where the site's mesh reaches the local listener"
  load_balancing_scheme = "INTERNAL"
  network               = var.network
  subnetwork            = var.subnetwork
  ip_protocol           = "TCP"
  ports                 = [tostring(var.gateway.local_port)]
  backend_service       = google_compute_region_backend_service.local[0].id
  labels                = local.google_labels
}

# --- Firewall: the site's mesh on the local listener, Google's probers on the admin port --------------------

resource "google_compute_firewall" "local" {
  count         = local.mig && length(var.local_cidrs) > 0 ? 1 : 0
  project       = var.project
  name          = "${local.name}-local"
  network       = var.network
  description   = "meshfed ${var.site_name}: the site's mesh, on the local listener"
  direction     = "INGRESS"
  source_ranges = var.local_cidrs
  target_tags   = [local.instance_tag]
  allow {
    protocol = "tcp"
    ports    = [tostring(var.gateway.local_port)]
  }
}

resource "google_compute_firewall" "health_checks" {
  count         = local.mig ? 1 : 0
  project       = var.project
  name          = "${local.name}-health"
  network       = var.network
  description   = "meshfed ${var.site_name}: Google's health-check probers, on the admin port"
  direction     = "INGRESS"
  source_ranges = local.health_check_ranges
  target_tags   = [local.instance_tag]
  allow {
    protocol = "tcp"
    ports    = [tostring(var.gateway.admin_port)]
  }
}
