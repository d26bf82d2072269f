variable "rendered_dir" {
  type        = string
  description = "Where `meshfed render examples/shop --target terraform --out DIR` wrote the sites' inputs."
  default     = "../../../out"
}

variable "manifest_dir" {
  type        = string
  description = "The shop manifest folder (every *.yaml in it is one manifest)."
  default     = "../../../examples/shop"
}

variable "image" {
  type        = string
  description = "The meshfed gateway image (built from the repository's Dockerfile and pushed where all sites can pull it)."
}

variable "aws" {
  type = object({
    vpc_id                   = string
    subnet_ids               = list(string)
    load_balancer_subnet_ids = list(string)
    ecs_cluster_arn          = string
    local_cidrs              = list(string)
    # Secrets Manager secret names: the meshfed-ingress Envoy's mesh certificate chain
    # (spiffe://<meshTrustDomain>/ns/meshfed-system/sa/meshfed-gateway), its key and the mesh CA bundle.
    app_mesh_ingress_tls = object({
      certificate_chain_secret = string
      private_key_secret       = string
      ca_bundle_secret         = string
    })
  })
  description = "Where the aws-use1 gateway runs, and the secrets of its virtual gateway's mesh certificate (App Mesh on ECS)."
}

variable "gcp" {
  type = object({
    network           = string
    node_network_tags = list(string)
  })
  description = "Where the gcp-euw1 gateway runs (the kubernetes provider must point at its GKE cluster)."
}

variable "dc_berlin_kube_context" {
  type        = string
  description = "The kubeconfig context of the Berlin data centre's cluster (its gateway runs there with the Istio sidecar)."
  default     = "dc-berlin"
}

variable "extra_peer_cidrs" {
  type        = map(list(string))
  description = "Per site, the CIDRs of peers whose gateway address is a DNS name (render lists them as warnings)."
  default     = {}
}
