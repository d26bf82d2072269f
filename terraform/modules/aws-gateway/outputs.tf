output "load_balancer_dns_name" {
  description = "DNS name of the NLB: point the manifest's gateway.address for this site at it (CNAME or alias)."
  value       = aws_lb.peer.dns_name
}

output "load_balancer_zone_id" {
  description = "Hosted zone of the NLB, for a Route 53 alias record."
  value       = aws_lb.peer.zone_id
}

output "ecs_service_name" {
  description = "The gateway's ECS service."
  value       = aws_ecs_service.gateway.name
}

output "task_role_arn" {
  description = "The gateway's task role (telemetry export, App Mesh of this mesh)."
  value       = aws_iam_role.task.arn
}

output "security_group_id" {
  description = "Security group of the gateway tasks; add it to what the gateway must reach."
  value       = aws_security_group.tasks.id
}

output "app_mesh_virtual_gateway_arn" {
  description = "ARN of the virtual gateway meshfed-ingress (App Mesh sites), or null."
  value       = one(aws_appmesh_virtual_gateway.ingress[*].arn)
}

output "spiffe_id" {
  description = "The SPIFFE ID the gateway's certificate must carry."
  value       = var.spiffe_id
}
