output "peer_address" {
  description = "The reserved address other sites dial: put it (or a DNS name for it) in the manifest's gateway.address."
  value       = google_compute_address.peer.address
}

output "service_account_email" {
  description = "The Google service account the gateway runs as (Workload Identity on GKE, the instances' on MIG); grant it read access to the image's registry when that is private."
  value       = google_service_account.gateway.email
}

output "namespace" {
  description = "The gateway's namespace (platform gke), or null."
  value       = one(kubernetes_namespace_v1.gateway[*].metadata[0].name)
}

output "instance_group" {
  description = "The regional managed instance group's instance group (platform mig), or null."
  value       = one(google_compute_region_instance_group_manager.gateway[*].instance_group)
}

output "local_address" {
  description = "The internal load balancer's address of the local listener (platform mig), or null: where the site's mesh sends requests for other sites. On GKE the mesh uses the ClusterIP Service."
  value       = one(google_compute_forwarding_rule.local[*].ip_address)
}

output "firewall_rule" {
  description = "Self link of the firewall rule admitting the peers."
  value       = google_compute_firewall.peers.self_link
}

output "spiffe_id" {
  description = "The SPIFFE ID the gateway's certificate must carry."
  value       = var.spiffe_id
}
