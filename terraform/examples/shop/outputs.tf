output "aws_use1_load_balancer" {
  description = "Point gw.aws-use1.shop.example at this NLB."
  value       = module.aws_use1.load_balancer_dns_name
}

output "gcp_euw1_peer_address" {
  description = "Point gw.gcp-euw1.shop.example at this address."
  value       = module.gcp_euw1.peer_address
}

output "dc_berlin_namespace" {
  description = "The Berlin gateway's namespace: create the Secret meshfed-trust (bundle.pem, gateway.crt, gateway.key) in it."
  value       = module.dc_berlin.namespace
}
