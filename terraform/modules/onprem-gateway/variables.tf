# ---------------------------------------------------------------------------------------------------------
# From the manifest: `meshfed render MANIFEST --target terraform --out DIR` writes these into
# DIR/<site>/terraform.tfvars.json. Do not edit them by hand: change the manifest and render again.
# ---------------------------------------------------------------------------------------------------------

variable "mesh_name" {
  type        = string
  description = "The federated mesh's name (metadata.name); names and tags every resource, and the App Mesh mesh."
  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.mesh_name))
    error_message = "mesh_name must be a DNS label (lowercase letters, digits and '-', at most 63 characters)."
  }
}

variable "site_name" {
  type        = string
  description = "The site this gateway serves (spec.sites[].name)."
  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.site_name))
    error_message = "site_name must be a DNS label."
  }
}

variable "gateway" {
  type = object({
    address    = string
    peer_port  = number
    local_port = number
    admin_port = number
  })
  description = "This site's gateway: the address other sites dial and the peer (mTLS), local (HTTP from the mesh) and admin (/healthz, /readyz, /metrics) ports."
  validation {
    condition     = alltrue([for p in [var.gateway.peer_port, var.gateway.local_port, var.gateway.admin_port] : p >= 1 && p <= 65535 && floor(p) == p])
    error_message = "gateway ports must be whole numbers from 1 to 65535."
  }
  validation {
    condition     = length(distinct([var.gateway.peer_port, var.gateway.local_port, var.gateway.admin_port])) == 3
    error_message = "gateway peer_port, local_port and admin_port must differ."
  }
}

variable "peers" {
  type = list(object({
    site    = string
    address = string
    port    = number
    cidr    = optional(string)
  }))
  description = "The other sites' gateways (the peers this gateway dials and admits); cidr is null for DNS names."
  validation {
    condition     = alltrue([for p in var.peers : p.port >= 1 && p.port <= 65535])
    error_message = "every peer port must be from 1 to 65535."
  }
}

variable "peer_cidrs" {
  type        = list(string)
  description = "CIDRs admitted on the peer port: the peers' IP addresses as /32 or /128."
  validation {
    condition     = alltrue([for c in var.peer_cidrs : can(cidrhost(c, 0))])
    error_message = "every peer_cidrs entry must be a CIDR such as 10.20.0.5/32."
  }
}

variable "unresolved_peers" {
  type        = list(string)
  description = "Peers whose gateway address is a DNS name: their CIDRs must come from extra_peer_cidrs."
  default     = []
}

variable "trust_domain" {
  type        = string
  description = "SPIFFE trust domain of the federation (spec.trustDomain)."
  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", var.trust_domain))
    error_message = "trust_domain must be a lowercase DNS-like name such as shop.example."
  }
}

variable "spiffe_id" {
  type        = string
  description = "The gateway's SPIFFE ID: spiffe://<trust domain>/site/<site>/gateway."
  validation {
    condition     = startswith(var.spiffe_id, "spiffe://")
    error_message = "spiffe_id must start with spiffe://."
  }
}

variable "telemetry" {
  type = object({
    metrics  = list(string)
    traces   = list(string)
    sampling = number
  })
  description = "The manifest's telemetry sinks and sampling."
  validation {
    condition     = alltrue([for m in var.telemetry.metrics : contains(["cloudwatch", "cloud-monitoring", "prometheus", "otlp", "local"], m)])
    error_message = "telemetry.metrics may name cloudwatch, cloud-monitoring, prometheus, otlp or local."
  }
  validation {
    condition     = alltrue([for t in var.telemetry.traces : contains(["xray", "cloud-trace", "otlp", "local"], t)])
    error_message = "telemetry.traces may name xray, cloud-trace, otlp or local."
  }
  validation {
    condition     = var.telemetry.sampling >= 0 && var.telemetry.sampling <= 1
    error_message = "telemetry.sampling must be from 0 to 1."
  }
}

variable "site_provider" {
  type        = string
  description = "The site's provider in the manifest; this module provisions onprem sites only."
  validation {
    condition     = var.site_provider == "onprem"
    error_message = "site_provider must be \"onprem\": use modules/aws-gateway or modules/gcp-gateway for cloud sites."
  }
}

variable "mesh_kind" {
  type        = string
  description = "The site's mesh (istio)."
  validation {
    condition     = contains(["istio"], var.mesh_kind)
    error_message = "mesh_kind must be istio on-prem."
  }
}

variable "manifest_files" {
  type        = map(string)
  description = "The manifest's files (name => YAML text); the gateway loads them as one multi-document manifest."
  validation {
    condition     = length(var.manifest_files) > 0
    error_message = "manifest_files must hold at least one manifest file."
  }
}

variable "image" {
  type        = string
  description = "The meshfed gateway image (the repository's Dockerfile), by digest or tag."
  validation {
    condition     = length(var.image) > 0
    error_message = "image must name the meshfed gateway image."
  }
}

variable "extra_peer_cidrs" {
  type        = list(string)
  description = "CIDRs of peers whose manifest address is a DNS name (see unresolved_peers); required when there are any."
  default     = []
  validation {
    condition     = alltrue([for c in var.extra_peer_cidrs : can(cidrhost(c, 0))])
    error_message = "every extra_peer_cidrs entry must be a CIDR."
  }
}

# ---------------------------------------------------------------------------------------------------------
# From the environment: what the manifest does not know.
# ---------------------------------------------------------------------------------------------------------

variable "host_name" {
  type        = string
  description = "The host the files are rendered for (named in them; one module instance per host)."
  validation {
    condition     = can(regex("^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?$", var.host_name))
    error_message = "host_name must be a host name."
  }
}

variable "output_dir" {
  type        = string
  description = "Where the host's files are written (copy them to the host's / with your configuration management)."
}

variable "runtime" {
  type        = string
  description = "How the host runs the gateway: podman (the image, as a container under systemd) or binary (a published meshfed in /opt/meshfed)."
  default     = "podman"
  validation {
    condition     = contains(["podman", "binary"], var.runtime)
    error_message = "runtime must be podman or binary."
  }
}

variable "trust_dir" {
  type        = string
  description = "Folder on the host holding bundle.pem, gateway.crt and gateway.key (filled from your secret store, e.g. Vault agent)."
  default     = "/etc/meshfed/trust"
  validation {
    condition     = startswith(var.trust_dir, "/")
    error_message = "trust_dir must be an absolute path."
  }
}

variable "local_cidrs" {
  type        = list(string)
  description = "CIDRs of the data centre's mesh workloads, admitted on the local listener."
  validation {
    condition     = alltrue([for c in var.local_cidrs : can(cidrhost(c, 0))])
    error_message = "every local_cidrs entry must be a CIDR."
  }
}
