output "peer_address" {
  description = "The reserved address other sites dial: put it (or a DNS name for it) in the manifest's gateway.address."
  value       = google_compute_address.peer.address
}

output "service_account_email" {
  description = "The Google service account the gateway runs as (Workload Identity)."
  value       = google_service_account.gateway.email
}

output "namespace" {
  description = "The gateway's namespace."
  value       = kubernetes_namespace_v1.gateway.metadata[0].name
}

output "firewall_rule" {
  description = "Self link of the firewall rule admitting the peers."
  value       = google_compute_firewall.peers.self_link
}

output "spiffe_id" {
  description = "The SPIFFE ID the gateway's certificate must carry."
  value       = var.spiffe_id
}
