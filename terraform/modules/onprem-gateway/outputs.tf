output "unit_file" {
  description = "Path of the rendered systemd unit (under output_dir)."
  value       = local_file.unit.filename
}

output "firewall_file" {
  description = "Path of the rendered nftables rule set."
  value       = local_file.firewall.filename
}

output "manifest_files" {
  description = "Paths of the rendered manifest files."
  value       = [for f in local_file.manifest : f.filename]
}

output "spiffe_id" {
  description = "The SPIFFE ID the gateway's certificate must carry."
  value       = var.spiffe_id
}
