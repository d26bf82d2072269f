output "unit_file" {
  description = "platform vm: path of the rendered systemd unit (under output_dir), or null."
  value       = one(local_file.unit[*].filename)
}

output "firewall_file" {
  description = "platform vm: path of the rendered nftables rule set, or null."
  value       = one(local_file.firewall[*].filename)
}

output "manifest_files" {
  description = "platform vm: paths of the rendered manifest files (empty on kubernetes)."
  value       = [for f in local_file.manifest : f.filename]
}

output "namespace" {
  description = "platform kubernetes: the gateway's namespace, or null."
  value       = one(kubernetes_namespace_v1.gateway[*].metadata[0].name)
}

output "spiffe_id" {
  description = "The SPIFFE ID the gateway's certificate must carry."
  value       = var.spiffe_id
}
