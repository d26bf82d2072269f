output "load_balancer_dns_name" {
  description = "DNS name of the NLB (either platform): point the manifest's gateway.address for this site at it (CNAME or alias)."
  value       = one(concat(aws_lb.peer[*].dns_name, data.aws_lb.eks[*].dns_name))
}

output "load_balancer_zone_id" {
  description = "Hosted zone of the NLB, for a Route 53 alias record."
  value       = one(concat(aws_lb.peer[*].zone_id, data.aws_lb.eks[*].zone_id))
}

output "ecs_service_name" {
  description = "The gateway's ECS service (platform ecs), or null."
  value       = one(aws_ecs_service.gateway[*].name)
}

output "namespace" {
  description = "The gateway's Kubernetes namespace (platform eks), or null."
  value       = one(kubernetes_namespace_v1.gateway[*].metadata[0].name)
}

output "task_role_arn" {
  description = "The gateway's IAM role (telemetry export, its trust secrets, the virtual gateway's Envoy configuration): the ECS task role, or on EKS the role its service account assumes (IRSA)."
  value       = aws_iam_role.task.arn
}

output "security_group_id" {
  description = "Security group of the gateway tasks (platform ecs), or null: add it to what the gateway must reach. On EKS the pods use the cluster's security groups."
  value       = one(aws_security_group.tasks[*].id)
}

output "app_mesh_virtual_gateway_arn" {
  description = "ARN of the virtual gateway meshfed-ingress (App Mesh sites), or null."
  value       = one(aws_appmesh_virtual_gateway.ingress[*].arn)
}

output "cloud_map_service_arn" {
  description = "App Mesh sites on ECS: the Cloud Map service meshfed-gateway in meshfed-system.local the gateway's tasks register in (the remote virtual nodes discover them there), or null."
  value       = one(aws_service_discovery_service.gateway[*].arn)
}

output "app_mesh_sds_spiffe_id" {
  description = "App Mesh sites on EKS: the SVID the SPIRE agent must serve the virtual gateway's Envoy (the gateway pod's service account in the mesh trust domain), or null."
  value       = local.app_mesh && local.eks ? "spiffe://${var.app_mesh.mesh_trust_domain}/ns/${var.kubernetes.namespace}/sa/${var.kubernetes.service_account}" : null
}

output "spiffe_id" {
  description = "The SPIFFE ID the gateway's certificate must carry."
  value       = var.spiffe_id
}
