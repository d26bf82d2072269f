# ---------------------------------------------------------------------------------------------------------
# From the manifest: `meshfed render MANIFEST --target terraform --out DIR` writes these into
# DIR/<site>/terraform.tfvars.json. Do not edit them by hand: change the manifest and render again.
# ---------------------------------------------------------------------------------------------------------

variable "mesh_name" {
  type        = string
  description = "The federated mesh's name (metadata.name); names and tags every resource, and the App Mesh mesh."
  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$", var.mesh_name))
    error_message = "mesh_name must be a DNS label (1 to 63 lowercase letters, digits and '-', starting with a letter, not ending with '-')."
  }
}

variable "site_name" {
  type        = string
  description = "The site this gateway serves (spec.sites[].name)."
  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$", var.site_name))
    error_message = "site_name must be a DNS label (1 to 63 lowercase letters, digits and '-', starting with a letter, not ending with '-')."
  }
}

variable "gateway" {
  type = object({
    address         = string
    peer_port       = number
    local_port      = number
    admin_port      = number
    trust_xfcc_from = list(string)
  })
  description = "This site's gateway: the address other sites dial, the peer (mTLS), local (HTTP/1.1 and h2c from the mesh) and admin (/healthz, /readyz, /metrics) ports, and the hops whose x-forwarded-client-cert the local listener trusts (the Istio sidecar's inbound source 127.0.0.6/32 where the gateway runs with it; none elsewhere)."
  validation {
    condition     = alltrue([for p in [var.gateway.peer_port, var.gateway.local_port, var.gateway.admin_port] : p >= 1 && p <= 65535 && floor(p) == p])
    error_message = "gateway ports must be whole numbers from 1 to 65535."
  }
  validation {
    condition     = length(distinct([var.gateway.peer_port, var.gateway.local_port, var.gateway.admin_port])) == 3
    error_message = "gateway peer_port, local_port and admin_port must differ."
  }
  validation {
    condition     = alltrue([for c in var.gateway.trust_xfcc_from : can(cidrhost(c, 0))])
    error_message = "every gateway.trust_xfcc_from entry must be a CIDR such as 127.0.0.6/32."
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
    condition     = can(regex("^[a-z0-9._-]{1,255}$", var.trust_domain))
    error_message = "trust_domain must be a SPIFFE trust domain: 1 to 255 lowercase letters, digits, '.', '-' and '_', such as shop.example."
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

variable "platform" {
  type        = string
  description = "The manifest's gateway.platform: kubernetes (a Deployment with the Istio sidecar in the site's own cluster, which the kubernetes provider points at) or vm (a host running a systemd unit, files rendered into output_dir)."
  validation {
    condition     = contains(["kubernetes", "vm"], var.platform)
    error_message = "platform must be kubernetes (a Deployment in the site's cluster) or vm (a systemd unit on a host): set the site's gateway.platform in the manifest and render again."
  }
}

variable "kubernetes" {
  type = object({
    namespace       = string
    service_name    = string
    service_account = string
  })
  description = "platform = kubernetes: where the gateway runs in the cluster (rendered from the manifest on that platform): the names the Istio rendering points at (meshfed-gateway.meshfed-system)."
  default     = { namespace = "meshfed-system", service_name = "meshfed-gateway", service_account = "meshfed-gateway" }
  validation {
    condition     = alltrue([for n in [var.kubernetes.namespace, var.kubernetes.service_name, var.kubernetes.service_account] : can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", n))])
    error_message = "kubernetes names must be DNS labels."
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

variable "trust_secret" {
  type        = string
  description = "platform = kubernetes: the Kubernetes Secret in the gateway's namespace holding bundle.pem, gateway.crt and gateway.key (filled from your secret store: External Secrets, Vault, cert-manager csi, ...). It is mounted as a volume, which the kubelet keeps in memory (tmpfs) and updates when the Secret changes."
  default     = "meshfed-trust"
  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", var.trust_secret))
    error_message = "trust_secret must be a Kubernetes object name."
  }
}

variable "replicas" {
  type        = number
  description = "platform = kubernetes: gateway pods."
  default     = 2
  validation {
    condition     = var.replicas >= 1
    error_message = "replicas must be at least 1."
  }
}

variable "resources" {
  type = object({
    cpu    = string
    memory = string
  })
  description = "platform = kubernetes: requests (and memory limit) of the gateway container."
  default     = { cpu = "500m", memory = "512Mi" }
}

variable "load_balancer_ip" {
  type        = string
  description = "platform = kubernetes: the address the peer Service's load balancer (MetalLB, kube-vip, ...) should take, normally the manifest's gateway.address; null lets the load balancer choose."
  default     = null
}

variable "host_name" {
  type        = string
  description = "platform = vm: the host the files are rendered for (named in them; one module instance per host)."
  default     = null
  validation {
    condition     = var.platform != "vm" || var.host_name != null
    error_message = "platform = \"vm\" renders files for one host: set host_name."
  }
  validation {
    condition     = var.host_name == null ? true : can(regex("^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?$", var.host_name))
    error_message = "host_name must be a host name."
  }
}

variable "output_dir" {
  type        = string
  description = "platform = vm: where the host's files are written (copy them to the host's / with your configuration management)."
  default     = null
  validation {
    condition     = var.platform != "vm" || var.output_dir != null
    error_message = "platform = \"vm\" writes the host's files: set output_dir."
  }
}

variable "runtime" {
  type        = string
  description = "platform = vm: how the host runs the gateway: podman (the image, as a container in the host's network namespace under systemd) or binary (a published meshfed in /opt/meshfed)."
  default     = "podman"
  validation {
    condition     = contains(["podman", "binary"], var.runtime)
    error_message = "runtime must be podman or binary."
  }
}

variable "trust_dir" {
  type        = string
  description = "platform = vm: folder on the host holding bundle.pem, gateway.crt and gateway.key (filled from your secret store, e.g. Vault agent; a tmpfs such as /run keeps the key off the disk)."
  default     = "/etc/meshfed/trust"
  validation {
    condition     = startswith(var.trust_dir, "/")
    error_message = "trust_dir must be an absolute path."
  }
}

variable "local_cidrs" {
  type        = list(string)
  description = "platform = vm: CIDRs of the data centre's mesh workloads, admitted on the local listener (in Kubernetes the mesh reaches the ClusterIP Service)."
  default     = []
  validation {
    condition     = alltrue([for c in var.local_cidrs : can(cidrhost(c, 0))])
    error_message = "every local_cidrs entry must be a CIDR."
  }
}

variable "admin_cidrs" {
  type        = list(string)
  description = "platform = vm: CIDRs admitted on the admin port (/metrics for Prometheus, health checks of a load balancer in front of the hosts); none by default: only the host itself."
  default     = []
  validation {
    condition     = alltrue([for c in var.admin_cidrs : can(cidrhost(c, 0))])
    error_message = "every admin_cidrs entry must be a CIDR."
  }
}
