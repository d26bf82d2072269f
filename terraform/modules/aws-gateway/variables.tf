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

variable "site_provider" {
  type        = string
  description = "The site's provider in the manifest; this module provisions aws sites only."
  validation {
    condition     = var.site_provider == "aws"
    error_message = "site_provider must be \"aws\": use modules/gcp-gateway or modules/onprem-gateway for other sites."
  }
}

variable "mesh_kind" {
  type        = string
  description = "The site's mesh (appmesh, vpc-lattice or istio)."
  validation {
    condition     = contains(["appmesh", "vpc-lattice", "istio"], var.mesh_kind)
    error_message = "mesh_kind must be appmesh, vpc-lattice or istio."
  }
}

variable "platform" {
  type        = string
  description = "The manifest's gateway.platform: ecs (an ECS Fargate service behind an NLB this module creates) or eks (a Deployment in an existing EKS cluster, its NLB made by the AWS Load Balancer Controller)."
  validation {
    condition     = contains(["ecs", "eks"], var.platform)
    error_message = "platform must be ecs (an ECS Fargate service) or eks (a Deployment in an existing EKS cluster): set the site's gateway.platform in the manifest and render again."
  }
  validation {
    condition     = var.platform == "eks" || var.mesh_kind != "istio"
    error_message = "An istio site's gateway must run in Kubernetes with the sidecar: set the site's gateway.platform to eks."
  }
}

variable "region" {
  type        = string
  description = "AWS region of the site (spec.sites[].region); the provider must be configured for it."
  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as us-east-1."
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

variable "trust_secrets" {
  type = object({
    bundle      = string
    certificate = string
    private_key = string
  })
  description = "Names of the Secrets Manager secrets (PEM text each) that become bundle.pem, gateway.crt and gateway.key in the trust dir."
  validation {
    condition     = alltrue([for s in [var.trust_secrets.bundle, var.trust_secrets.certificate, var.trust_secrets.private_key] : can(regex("^[A-Za-z0-9/_+=.@-]{1,512}$", s))])
    error_message = "trust secret names may contain only letters, digits and /_+=.@-."
  }
}

variable "telemetry" {
  type = object({
    metrics  = list(string)
    traces   = list(string)
    sampling = number
  })
  description = "The manifest's telemetry sinks and sampling; the task role may write to CloudWatch and X-Ray only when they are named."
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

variable "app_mesh" {
  type = object({
    mesh_name           = string
    virtual_gateway     = string
    ingress_port        = number
    cloud_map_namespace = string
    cloud_map_service   = string
    mesh_trust_domain   = string
  })
  description = "App Mesh sites: the mesh, the virtual gateway (an Envoy in the gateway's task or pod, listening on ingress_port) requests from other sites enter by, the Cloud Map namespace and service the ECS gateway registers in (the remote virtual nodes discover it there), and the site's mesh trust domain; null otherwise."
  default     = null
}

variable "lattice" {
  type = object({
    service_network = string
    gateway_target_groups = list(object({
      name             = string
      protocol_version = string
    }))
    gateway_services = optional(list(object({
      name             = string
      protocol_version = string
    })), [])
    gateway_principal_tags = map(string)
    app_mesh_ingress_target_groups = optional(list(object({
      name             = string
      protocol_version = string
    })), [])
  })
  description = "VPC Lattice sites: the mesh's service network, the gateway's target groups (one per service that runs on other sites and HTTP version; the Lattice services of those services forward to the gateway through them), on EKS the Kubernetes Services the gateway-api/ rendering's routes send those shares to (one per HTTP version; the AWS Gateway API Controller registers the gateway's pods behind them) the IAM principal tag the auth policies admit the gateway's role by and, while the site migrates from App Mesh, the target groups through which Lattice hands App Mesh's share to the virtual gateway's Envoy in the gateway's task or pod (ECS registers the tasks in them; on EKS the Service named app_mesh.virtual_gateway is their backendRef); null otherwise."
  default     = null
  validation {
    condition     = alltrue([for tg in(var.lattice == null ? [] : var.lattice.gateway_target_groups) : can(regex("^[a-z0-9]([a-z0-9-]{1,126}[a-z0-9])?$", tg.name)) && contains(["HTTP1", "HTTP2"], tg.protocol_version)])
    error_message = "lattice.gateway_target_groups: each name must be a VPC Lattice target group name (lowercase letters, digits and '-', 3-128 characters) and each protocol_version HTTP1 or HTTP2."
  }
  validation {
    condition     = alltrue([for svc in(var.lattice == null ? [] : var.lattice.gateway_services) : can(regex("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$", svc.name)) && contains(["HTTP1", "HTTP2"], svc.protocol_version)])
    error_message = "lattice.gateway_services: each name must be a Kubernetes Service name (a DNS-1035 label: lowercase letters, digits and '-', at most 63 characters, starting with a letter) and each protocol_version HTTP1 or HTTP2."
  }
  validation {
    condition     = alltrue([for tg in(var.lattice == null ? [] : var.lattice.app_mesh_ingress_target_groups) : can(regex("^[a-z0-9]([a-z0-9-]{1,126}[a-z0-9])?$", tg.name)) && contains(["HTTP1", "HTTP2"], tg.protocol_version)])
    error_message = "lattice.app_mesh_ingress_target_groups: each name must be a VPC Lattice target group name (lowercase letters, digits and '-', 3-128 characters) and each protocol_version HTTP1 or HTTP2."
  }
  validation {
    condition     = length(distinct([for tg in(var.lattice == null ? [] : var.lattice.app_mesh_ingress_target_groups) : tg.protocol_version])) <= 1
    error_message = "lattice.app_mesh_ingress_target_groups must share one protocol_version: the App Mesh virtual gateway they point at has one listener."
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

variable "envoy_image" {
  type        = string
  description = "The App Mesh Envoy image for the virtual gateway (App Mesh sites)."
  default     = "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.12.1-prod"
}

variable "aws_cli_image" {
  type        = string
  description = "platform = ecs: the image of the trust-refresh sidecar, which re-reads the trust secrets (and app_mesh_ingress_tls) with the AWS CLI as the task role every trust_refresh_seconds."
  default     = "public.ecr.aws/aws-cli/aws-cli:2.27.0"
}

variable "trust_refresh_seconds" {
  type        = number
  description = "platform = ecs: how often the trust-refresh sidecar re-reads the trust secrets; keep it well below the SVID lifetime (meshfed trust issue --ttl)."
  default     = 3600
  validation {
    condition     = var.trust_refresh_seconds >= 60
    error_message = "trust_refresh_seconds must be at least 60."
  }
}

variable "app_mesh_ingress_tls" {
  type = object({
    certificate_chain_secret = string
    private_key_secret       = string
    ca_bundle_secret         = string
  })
  description = "platform = ecs, App Mesh sites: names of the Secrets Manager secrets (PEM text each) holding the virtual gateway's mesh certificate from your mesh PKI or ACM PCA export (certificate chain with the URI SAN spiffe://<meshTrustDomain>/ns/meshfed-system/sa/meshfed-gateway, its private key, the mesh CA bundle); they become cert-chain.pem, private-key.pem and ca-bundle.pem in /etc/meshfed/appmesh-tls of the meshfed-ingress Envoy (SPIRE is not supported on Amazon ECS)."
  default     = null
  # The rendered virtual gateway presents a file certificate on ECS, and the callee virtual nodes accept only the
  # gateway's mesh identity from the mesh CA (App Mesh user guide, Mutual TLS Authentication: "SPIRE is not
  # supported on Amazon ECS"; the federation SVID is another identity from another CA).
  validation {
    condition     = var.platform != "ecs" || var.mesh_kind != "appmesh" || var.app_mesh_ingress_tls != null
    error_message = "An App Mesh site on ECS needs app_mesh_ingress_tls: the names of the Secrets Manager secrets holding the virtual gateway's mesh certificate chain (URI SAN spiffe://<meshTrustDomain>/ns/meshfed-system/sa/meshfed-gateway, issued by the mesh CA), its private key and the mesh CA bundle (SPIRE is not supported on Amazon ECS, so its Envoy reads them as files)."
  }
  validation {
    condition     = alltrue([for s in(var.app_mesh_ingress_tls == null ? [] : values(var.app_mesh_ingress_tls)) : can(regex("^[A-Za-z0-9/_+=.@-]{1,512}$", s))])
    error_message = "app_mesh_ingress_tls secret names may contain only letters, digits and /_+=.@-."
  }
}

variable "spire_agent_socket" {
  type        = string
  description = "platform = eks, App Mesh sites: the SPIRE agent's Workload API socket on the nodes; its folder is mounted into the virtual gateway's Envoy, which gets its SVID from it over SDS (APPMESH_SDS_SOCKET_PATH)."
  default     = "/run/spire/sockets/agent.sock"
  validation {
    condition     = startswith(var.spire_agent_socket, "/")
    error_message = "spire_agent_socket must be an absolute path."
  }
}

variable "vpc_id" {
  type        = string
  description = "platform = ecs: the VPC of the gateway tasks and the NLB (on EKS, the cluster's VPC)."
  default     = null
  validation {
    condition     = var.platform != "ecs" || var.vpc_id != null
    error_message = "platform = \"ecs\" needs vpc_id: the VPC of the gateway tasks and the NLB."
  }
}

variable "subnet_ids" {
  type        = list(string)
  description = "platform = ecs: private subnets for the gateway tasks (on EKS the pods run on the cluster's nodes)."
  default     = []
  validation {
    condition     = var.platform != "ecs" || length(var.subnet_ids) > 0
    error_message = "platform = \"ecs\" needs subnet_ids: at least one private subnet for the gateway tasks."
  }
}

variable "load_balancer_subnet_ids" {
  type        = list(string)
  description = "Subnets for the Network Load Balancer (public subnets for an internet-facing one), on either platform."
  validation {
    condition     = length(var.load_balancer_subnet_ids) > 0
    error_message = "load_balancer_subnet_ids must name at least one subnet."
  }
}

variable "internal_load_balancer" {
  type        = bool
  description = "True when the peers reach this site over private links (VPN, Direct Connect, peering)."
  default     = false
}

variable "ecs_cluster_arn" {
  type        = string
  description = "platform = ecs: the ECS cluster (Fargate capacity) the gateway service runs in."
  default     = null
  validation {
    condition     = var.platform != "ecs" || var.ecs_cluster_arn != null
    error_message = "platform = \"ecs\" runs the gateway as a Fargate service in an existing cluster: set ecs_cluster_arn."
  }
}

variable "eks_cluster_name" {
  type        = string
  description = "platform = eks: the EKS cluster the gateway runs in (the kubernetes provider must point at it); its OIDC issuer must be registered in IAM, and it must run the AWS Load Balancer Controller and the Secrets Store CSI driver with its AWS provider."
  default     = null
  validation {
    condition     = var.platform != "eks" || var.eks_cluster_name != null
    error_message = "platform = \"eks\" runs the gateway in an existing EKS cluster: set eks_cluster_name (and point the kubernetes provider at that cluster)."
  }
  validation {
    condition     = var.eks_cluster_name == null || can(regex("^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$", var.eks_cluster_name))
    error_message = "eks_cluster_name must be an EKS cluster name (letters, digits, '-' and '_', at most 100 characters)."
  }
}

variable "kubernetes" {
  type = object({
    namespace       = string
    service_name    = string
    service_account = string
  })
  description = "platform = eks: where the gateway runs in the cluster (rendered from the manifest on that platform): the names the Istio and App Mesh renderings point at (meshfed-gateway.meshfed-system)."
  default     = { namespace = "meshfed-system", service_name = "meshfed-gateway", service_account = "meshfed-gateway" }
  validation {
    condition     = alltrue([for n in [var.kubernetes.namespace, var.kubernetes.service_name, var.kubernetes.service_account] : can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", n))])
    error_message = "kubernetes names must be DNS labels."
  }
}

variable "local_cidrs" {
  type        = list(string)
  description = "platform = ecs: CIDRs of the site's own mesh workloads, admitted on the local listener (their Envoys reach it through the Cloud Map name on App Mesh sites). On EKS the mesh reaches the ClusterIP Service."
  default     = []
  validation {
    condition     = alltrue([for c in var.local_cidrs : can(cidrhost(c, 0))])
    error_message = "every local_cidrs entry must be a CIDR."
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

variable "desired_count" {
  type        = number
  description = "Gateway tasks (ecs) or pods (eks); two or more spread over the zones."
  default     = 2
  validation {
    condition     = var.desired_count >= 1
    error_message = "desired_count must be at least 1."
  }
}

variable "cpu" {
  type        = number
  description = "platform = ecs: Fargate task CPU units."
  default     = 1024
  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.cpu)
    error_message = "cpu must be a Fargate size: 256, 512, 1024, 2048, 4096, 8192 or 16384."
  }
}

variable "memory" {
  type        = number
  description = "platform = ecs: Fargate task memory (MiB)."
  default     = 2048
}

variable "resources" {
  type = object({
    cpu    = string
    memory = string
  })
  description = "platform = eks: requests (and memory limit) of the gateway container."
  default     = { cpu = "500m", memory = "512Mi" }
}

variable "cloudwatch_namespace" {
  type        = string
  description = "The only CloudWatch namespace the task role may write metrics to (the gateway's exporter namespace)."
  default     = "meshfed"
}

variable "log_retention_days" {
  type        = number
  description = "platform = ecs: retention of the gateway's container logs (on EKS, the cluster's log pipeline keeps them)."
  default     = 30
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}

variable "lattice_service_network_arn" {
  type        = string
  description = "VPC Lattice sites: the ARN of the mesh's service network (created by `meshfed apply`; aws vpc-lattice get-service-network)."
  default     = null
  validation {
    condition     = var.lattice_service_network_arn == null || can(regex("^arn:aws[a-z-]*:vpc-lattice:[a-z0-9-]+:[0-9]{12}:servicenetwork/sn-[0-9a-z]{17}$", var.lattice_service_network_arn))
    error_message = "lattice_service_network_arn must be a service network ARN such as arn:aws:vpc-lattice:us-east-1:123456789012:servicenetwork/sn-0123456789abcdef0."
  }
  validation {
    condition     = var.mesh_kind != "vpc-lattice" || var.lattice_service_network_arn != null
    error_message = "A vpc-lattice site needs lattice_service_network_arn: the ARN of the mesh's service network, which `meshfed apply` creates (run it first)."
  }
}

variable "lattice_gateway_target_group_arns" {
  type        = map(string)
  description = "VPC Lattice sites on ECS: the ARN of each of lattice.gateway_target_groups and lattice.app_mesh_ingress_target_groups by name (created by `meshfed apply`; aws vpc-lattice list-target-groups); ECS registers the gateway's tasks in them."
  default     = {}
  validation {
    condition     = alltrue([for arn in values(var.lattice_gateway_target_group_arns) : can(regex("^arn:aws[a-z-]*:vpc-lattice:[a-z0-9-]+:[0-9]{12}:targetgroup/tg-[0-9a-z]{17}$", arn))])
    error_message = "lattice_gateway_target_group_arns values must be target group ARNs such as arn:aws:vpc-lattice:us-east-1:123456789012:targetgroup/tg-0123456789abcdef0."
  }
}

variable "lattice_connection" {
  type        = string
  description = "VPC Lattice sites: how the VPC reaches the service network: association (a service network VPC association) or endpoint (a service-network VPC endpoint, for traffic from outside the VPC: on-premises and other clouds over VPN or Direct Connect)."
  default     = "association"
  validation {
    condition     = contains(["association", "endpoint"], var.lattice_connection)
    error_message = "lattice_connection must be association or endpoint."
  }
}

variable "lattice_endpoint_subnet_ids" {
  type        = list(string)
  description = "VPC Lattice sites with lattice_connection = endpoint: the subnets of the service-network VPC endpoint."
  default     = []
  validation {
    condition     = var.lattice_connection != "endpoint" || length(var.lattice_endpoint_subnet_ids) > 0
    error_message = "lattice_connection = \"endpoint\" needs lattice_endpoint_subnet_ids: at least one subnet for the service-network VPC endpoint."
  }
}
