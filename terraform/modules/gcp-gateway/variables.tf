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
  description = "The manifest's telemetry sinks and sampling; the service account may write to Cloud Monitoring and Cloud Trace only when they are named."
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
  description = "The site's provider in the manifest; this module provisions gcp sites only."
  validation {
    condition     = var.site_provider == "gcp"
    error_message = "site_provider must be \"gcp\": use modules/aws-gateway or modules/onprem-gateway for other sites."
  }
}

variable "mesh_kind" {
  type        = string
  description = "The site's mesh (istio or cloud-service-mesh)."
  validation {
    condition     = contains(["istio", "cloud-service-mesh"], var.mesh_kind)
    error_message = "mesh_kind must be istio or cloud-service-mesh."
  }
}

variable "platform" {
  type        = string
  description = "The manifest's gateway.platform: gke (a Deployment on the GKE cluster the kubernetes provider points at) or mig (gateway.platform vm: a regional managed instance group of Container-Optimized OS VMs)."
  validation {
    condition     = contains(["gke", "mig"], var.platform)
    error_message = "platform must be gke (a Deployment on GKE) or mig (a regional managed instance group): set the site's gateway.platform (gke or vm) in the manifest and render again."
  }
}

variable "project" {
  type        = string
  description = "GCP project id of the site (spec.sites[].project)."
  validation {
    condition     = can(regex("^[a-z][-a-z0-9]{4,28}[a-z0-9]$", var.project))
    error_message = "project must be a GCP project id (6 to 30 lowercase letters, digits and '-')."
  }
}

variable "region" {
  type        = string
  description = "GCP region of the site (spec.sites[].region): where the peer address is reserved."
  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]+$", var.region))
    error_message = "region must be a GCP region name such as europe-west1."
  }
}

variable "trust_secrets" {
  type = object({
    bundle      = string
    certificate = string
    private_key = string
  })
  description = "Secret Manager secret ids (PEM text each) mounted as bundle.pem, gateway.crt and gateway.key by the Secret Manager CSI add-on."
  validation {
    condition     = alltrue([for s in [var.trust_secrets.bundle, var.trust_secrets.certificate, var.trust_secrets.private_key] : can(regex("^[A-Za-z0-9_-]{1,255}$", s))])
    error_message = "Secret Manager secret ids may contain only letters, digits, '_' and '-'."
  }
}

variable "kubernetes" {
  type = object({
    namespace       = string
    service_name    = string
    service_account = string
  })
  description = "platform = gke: where the gateway runs in the cluster (rendered from the manifest on that platform): the names the Istio rendering points at (meshfed-gateway.meshfed-system)."
  default     = { namespace = "meshfed-system", service_name = "meshfed-gateway", service_account = "meshfed-gateway" }
  validation {
    condition     = alltrue([for n in [var.kubernetes.namespace, var.kubernetes.service_name, var.kubernetes.service_account] : can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", n))])
    error_message = "kubernetes names must be DNS labels."
  }
}

# ---------------------------------------------------------------------------------------------------------
# From the environment: what the manifest does not know.
# ---------------------------------------------------------------------------------------------------------

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

variable "network" {
  type        = string
  description = "The VPC network (name or self link) of the GKE cluster's nodes, or (mig) of the instances; the firewall rules belong to it."
}

variable "subnetwork" {
  type        = string
  description = "platform = mig: the subnetwork (in region) of the instances and of the local listener's internal load balancer; it needs Cloud NAT for the instances to reach the peers, Google APIs and the image registry."
  default     = null
  validation {
    condition     = var.platform != "mig" || var.subnetwork != null
    error_message = "platform = \"mig\" needs subnetwork: the subnetwork of the instances and of the local listener's internal load balancer."
  }
}

variable "node_network_tags" {
  type        = list(string)
  description = "platform = gke: network tags of the GKE nodes the gateway runs on; the peer firewall rule targets them (mig: the module tags its instances)."
  default     = []
  validation {
    condition     = var.platform != "gke" || length(var.node_network_tags) > 0
    error_message = "node_network_tags must name at least one tag, or the firewall rule would apply to every instance."
  }
}

variable "replicas" {
  type        = number
  description = "Gateway pods (gke) or instances (mig, spread over three zones of the region)."
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
  description = "platform = gke: requests (and memory limit) of the gateway container."
  default     = { cpu = "500m", memory = "512Mi" }
}

variable "local_cidrs" {
  type        = list(string)
  description = "platform = mig: CIDRs of the site's mesh workloads, admitted on the local listener (behind the internal load balancer). On GKE the mesh reaches the ClusterIP Service."
  default     = []
  validation {
    condition     = alltrue([for c in var.local_cidrs : can(cidrhost(c, 0))])
    error_message = "every local_cidrs entry must be a CIDR."
  }
}

variable "machine_type" {
  type        = string
  description = "platform = mig: the instances' machine type."
  default     = "e2-standard-2"
}

variable "source_image" {
  type        = string
  description = "platform = mig: the instances' boot image, a Container-Optimized OS image or family (its cloud-init, docker and docker-credential-gcr run the gateway)."
  default     = "projects/cos-cloud/global/images/family/cos-stable"
}

variable "labels" {
  type        = map(string)
  description = "Labels added to every Google and Kubernetes resource (keys and values of lowercase letters, digits, '_' and '-', as Google labels require)."
  default     = {}
}
