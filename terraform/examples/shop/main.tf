# The shop federation's three gateways from one manifest: `meshfed render` writes each site's inputs, this
# configuration passes them to the site's module unchanged, plus what only the environment knows.
#
#   ./meshfed render examples/shop --target terraform --out out/
#   terraform -chdir=terraform/examples/shop init && terraform -chdir=terraform/examples/shop apply

locals {
  manifest_files = { for f in fileset(var.manifest_dir, "*.yaml") : f => file("${var.manifest_dir}/${f}") }
  aws_use1       = jsondecode(file("${var.rendered_dir}/aws-use1/terraform.tfvars.json"))
  gcp_euw1       = jsondecode(file("${var.rendered_dir}/gcp-euw1/terraform.tfvars.json"))
  dc_berlin      = jsondecode(file("${var.rendered_dir}/dc-berlin/terraform.tfvars.json"))
}

provider "aws" {
  region = local.aws_use1.region
}

provider "google" {
  project = local.gcp_euw1.project
  region  = local.gcp_euw1.region
}

provider "kubernetes" {
  config_path    = "~/.kube/config"
  config_context = "gke_${local.gcp_euw1.project}_${local.gcp_euw1.region}_shop"
}

# The Berlin data centre's own cluster, where its gateway runs with the Istio sidecar (platform kubernetes).
provider "kubernetes" {
  alias          = "dc_berlin"
  config_path    = "~/.kube/config"
  config_context = var.dc_berlin_kube_context
}

module "aws_use1" {
  source = "../../modules/aws-gateway"
  # The platform comes from the manifest (gateway.platform, default ecs on aws): a Fargate service in
  # var.aws.ecs_cluster_arn. For gateway.platform eks, render again, set eks_cluster_name, pass a kubernetes
  # provider for that cluster (providers = { kubernetes = kubernetes.eks }) and drop vpc_id, subnet_ids,
  # ecs_cluster_arn and local_cidrs.

  mesh_name        = local.aws_use1.mesh_name
  site_name        = local.aws_use1.site_name
  site_provider    = local.aws_use1.site_provider
  mesh_kind        = local.aws_use1.mesh_kind
  platform         = local.aws_use1.platform
  region           = local.aws_use1.region
  gateway          = local.aws_use1.gateway
  peers            = local.aws_use1.peers
  peer_cidrs       = local.aws_use1.peer_cidrs
  unresolved_peers = local.aws_use1.unresolved_peers
  trust_domain     = local.aws_use1.trust_domain
  spiffe_id        = local.aws_use1.spiffe_id
  trust_secrets    = local.aws_use1.trust_secrets
  telemetry        = local.aws_use1.telemetry
  app_mesh         = local.aws_use1.app_mesh

  manifest_files           = local.manifest_files
  image                    = var.image
  vpc_id                   = var.aws.vpc_id
  subnet_ids               = var.aws.subnet_ids
  load_balancer_subnet_ids = var.aws.load_balancer_subnet_ids
  ecs_cluster_arn          = var.aws.ecs_cluster_arn
  local_cidrs              = var.aws.local_cidrs
  app_mesh_ingress_tls     = var.aws.app_mesh_ingress_tls # App Mesh on ECS: meshfed-ingress's mesh certificate
  extra_peer_cidrs         = lookup(var.extra_peer_cidrs, "aws-use1", [])
}

module "gcp_euw1" {
  source = "../../modules/gcp-gateway"
  # The platform comes from the manifest (gateway.platform, default gke): a Deployment on the cluster the
  # kubernetes provider points at.

  mesh_name        = local.gcp_euw1.mesh_name
  site_name        = local.gcp_euw1.site_name
  site_provider    = local.gcp_euw1.site_provider
  mesh_kind        = local.gcp_euw1.mesh_kind
  platform         = local.gcp_euw1.platform
  project          = local.gcp_euw1.project
  region           = local.gcp_euw1.region
  gateway          = local.gcp_euw1.gateway
  peers            = local.gcp_euw1.peers
  peer_cidrs       = local.gcp_euw1.peer_cidrs
  unresolved_peers = local.gcp_euw1.unresolved_peers
  trust_domain     = local.gcp_euw1.trust_domain
  spiffe_id        = local.gcp_euw1.spiffe_id
  trust_secrets    = local.gcp_euw1.trust_secrets
  telemetry        = local.gcp_euw1.telemetry
  kubernetes       = local.gcp_euw1.kubernetes

  manifest_files    = local.manifest_files
  image             = var.image
  network           = var.gcp.network
  node_network_tags = var.gcp.node_network_tags
  extra_peer_cidrs  = lookup(var.extra_peer_cidrs, "gcp-euw1", [])
}

module "dc_berlin" {
  source = "../../modules/onprem-gateway"
  # The platform comes from the manifest (gateway.platform, default kubernetes on-prem): a Deployment with the
  # Istio sidecar in the data centre's cluster; the trust files come from the Secret meshfed-trust you fill there.
  providers = { kubernetes = kubernetes.dc_berlin }

  mesh_name        = local.dc_berlin.mesh_name
  site_name        = local.dc_berlin.site_name
  site_provider    = local.dc_berlin.site_provider
  mesh_kind        = local.dc_berlin.mesh_kind
  platform         = local.dc_berlin.platform
  gateway          = local.dc_berlin.gateway
  peers            = local.dc_berlin.peers
  peer_cidrs       = local.dc_berlin.peer_cidrs
  unresolved_peers = local.dc_berlin.unresolved_peers
  trust_domain     = local.dc_berlin.trust_domain
  spiffe_id        = local.dc_berlin.spiffe_id
  telemetry        = local.dc_berlin.telemetry
  kubernetes       = local.dc_berlin.kubernetes

  manifest_files   = local.manifest_files
  image            = var.image
  load_balancer_ip = local.dc_berlin.gateway.address
  extra_peer_cidrs = lookup(var.extra_peer_cidrs, "dc-berlin", [])
}
