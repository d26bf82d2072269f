# A meshfed gateway for one AWS site: an ECS Fargate service behind a Network Load Balancer on the peer
# port, admitting only the other sites' gateways; its trust files from Secrets Manager; a task role that may
# export telemetry and manage this mesh's App Mesh resources, and nothing else.

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  name = "meshfed-${var.mesh_name}-${var.site_name}"
  tags = merge(var.tags, {
    "meshfed.dev/managed-by" = "meshfed"
    "meshfed.dev/mesh"       = var.mesh_name
    "meshfed.dev/site"       = var.site_name
  })

  # The gateway's runtime contract (docs/data-path.md): where it finds the manifest and its trust files.
  manifest_dir = "/etc/meshfed/manifest"
  trust_dir    = "/etc/meshfed/trust"
  admitted     = distinct(concat(var.peer_cidrs, var.extra_peer_cidrs))
  app_mesh     = var.app_mesh != null && var.mesh_kind == "appmesh"

  cloudwatch = contains(var.telemetry.metrics, "cloudwatch")
  xray       = contains(var.telemetry.traces, "xray")
  mesh_arn   = "arn:${data.aws_partition.current.partition}:appmesh:${var.region}:${data.aws_caller_identity.current.account_id}:mesh/${var.mesh_name}"

  # Fargate bind mounts are owned by root, so a short-lived container (as root) writes the secrets and the
  # manifest into them, readable by the gateway's user only; the gateway itself runs with a read-only root.
  materialize = <<-EOT
    set -eu
    umask 077
    printf '%s' "$MESHFED_MANIFEST" > ${local.manifest_dir}/manifest.yaml
    printf '%s' "$MESHFED_TRUST_BUNDLE" > ${local.trust_dir}/bundle.pem
    printf '%s' "$MESHFED_GATEWAY_CERT" > ${local.trust_dir}/gateway.crt
    printf '%s' "$MESHFED_GATEWAY_KEY" > ${local.trust_dir}/gateway.key
    chown -R 1654:1654 ${local.manifest_dir} ${local.trust_dir}
  EOT

  gateway_ports = [var.gateway.peer_port, var.gateway.local_port, var.gateway.admin_port]
}

data "aws_secretsmanager_secret" "trust" {
  for_each = {
    bundle      = var.trust_secrets.bundle
    certificate = var.trust_secrets.certificate
    private_key = var.trust_secrets.private_key
  }
  name = each.value
}

resource "aws_cloudwatch_log_group" "gateway" {
  name              = "/meshfed/${var.mesh_name}/${var.site_name}"
  retention_in_days = var.log_retention_days
  tags              = local.tags
}

# --- App Mesh: the mesh and the virtual gateway requests from other sites enter by ----------------------
# Tagged like `meshfed apply` tags what it owns, so apply recognises them as its own and keeps their spec in
# line with the manifest; Terraform owns their existence and ignores spec changes made by apply.

resource "aws_appmesh_mesh" "this" {
  count = local.app_mesh ? 1 : 0
  name  = var.app_mesh.mesh_name
  spec {
    egress_filter {
      type = "ALLOW_ALL"
    }
  }
  tags = local.tags
  lifecycle {
    ignore_changes = [spec]
  }
}

resource "aws_appmesh_virtual_gateway" "ingress" {
  count     = local.app_mesh ? 1 : 0
  name      = var.app_mesh.virtual_gateway
  mesh_name = aws_appmesh_mesh.this[0].name
  spec {
    listener {
      port_mapping {
        port     = var.app_mesh.ingress_port
        protocol = "http"
      }
    }
  }
  tags = local.tags
  lifecycle {
    ignore_changes = [spec]
  }
}

# --- Network: the NLB admits the peers on the peer port; the tasks admit the NLB and the site's mesh -------

resource "aws_security_group" "load_balancer" {
  name        = "${local.name}-nlb"
  description = "meshfed ${var.site_name}: peer gateways only, on the peer port"
  vpc_id      = var.vpc_id
  tags        = local.tags

  lifecycle {
    precondition {
      condition     = length(var.unresolved_peers) == 0 || length(var.extra_peer_cidrs) > 0
      error_message = "Peers ${join(", ", var.unresolved_peers)} have DNS names as gateway addresses: give their CIDRs in extra_peer_cidrs."
    }
  }
}

resource "aws_vpc_security_group_ingress_rule" "peers" {
  for_each          = toset(local.admitted)
  security_group_id = aws_security_group.load_balancer.id
  description       = "meshfed peer gateway"
  cidr_ipv4         = strcontains(each.value, ":") ? null : each.value
  cidr_ipv6         = strcontains(each.value, ":") ? each.value : null
  ip_protocol       = "tcp"
  from_port         = var.gateway.peer_port
  to_port           = var.gateway.peer_port
  tags              = local.tags
}

resource "aws_vpc_security_group_egress_rule" "load_balancer_to_tasks" {
  for_each                     = toset([for p in [var.gateway.peer_port, var.gateway.admin_port] : tostring(p)])
  security_group_id            = aws_security_group.load_balancer.id
  description                  = "to the gateway tasks (traffic and health checks)"
  referenced_security_group_id = aws_security_group.tasks.id
  ip_protocol                  = "tcp"
  from_port                    = tonumber(each.value)
  to_port                      = tonumber(each.value)
  tags                         = local.tags
}

resource "aws_security_group" "tasks" {
  name        = "${local.name}-tasks"
  description = "meshfed ${var.site_name} gateway tasks"
  vpc_id      = var.vpc_id
  tags        = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "from_load_balancer" {
  for_each                     = toset([for p in [var.gateway.peer_port, var.gateway.admin_port] : tostring(p)])
  security_group_id            = aws_security_group.tasks.id
  description                  = "from the NLB (peer traffic and health checks)"
  referenced_security_group_id = aws_security_group.load_balancer.id
  ip_protocol                  = "tcp"
  from_port                    = tonumber(each.value)
  to_port                      = tonumber(each.value)
  tags                         = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "from_mesh" {
  for_each          = toset(var.local_cidrs)
  security_group_id = aws_security_group.tasks.id
  description       = "local listener: requests from the site's mesh"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = var.gateway.local_port
  to_port           = var.gateway.local_port
  tags              = local.tags
}

resource "aws_vpc_security_group_egress_rule" "tasks_out" {
  security_group_id = aws_security_group.tasks.id
  description       = "peer gateways, the site's services, AWS APIs"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
  tags              = local.tags
}

resource "aws_lb" "peer" {
  name                             = substr("mf-${var.mesh_name}-${var.site_name}", 0, 32)
  load_balancer_type               = "network"
  internal                         = var.internal_load_balancer
  subnets                          = var.load_balancer_subnet_ids
  security_groups                  = [aws_security_group.load_balancer.id]
  enable_cross_zone_load_balancing = true
  tags                             = local.tags
}

resource "aws_lb_target_group" "peer" {
  name                 = substr("mf-${var.mesh_name}-${var.site_name}", 0, 32)
  port                 = var.gateway.peer_port
  protocol             = "TCP"
  target_type          = "ip"
  vpc_id               = var.vpc_id
  deregistration_delay = 30
  health_check {
    protocol            = "HTTP"
    port                = tostring(var.gateway.admin_port)
    path                = "/readyz"
    healthy_threshold   = 2
    unhealthy_threshold = 2
    interval            = 10
  }
  tags = local.tags
}

resource "aws_lb_listener" "peer" {
  load_balancer_arn = aws_lb.peer.arn
  port              = var.gateway.peer_port
  # TCP pass-through: the gateway terminates the federation mTLS itself (it checks the peer's SPIFFE ID).
  protocol = "TCP"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.peer.arn
  }
  tags = local.tags
}

# --- IAM: the execution role reads the three secrets; the task role exports telemetry and runs App Mesh ----

data "aws_iam_policy_document" "assume_ecs_tasks" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "execution" {
  name               = "${local.name}-execution"
  assume_role_policy = data.aws_iam_policy_document.assume_ecs_tasks.json
  tags               = local.tags
}

data "aws_iam_policy_document" "execution" {
  statement {
    sid       = "TrustSecrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [for s in data.aws_secretsmanager_secret.trust : s.arn]
  }
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.gateway.arn}:*"]
  }
  statement {
    sid       = "PullImages"
    actions   = ["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "execution" {
  name   = "meshfed-execution"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution.json
}

resource "aws_iam_role" "task" {
  name               = "${local.name}-task"
  assume_role_policy = data.aws_iam_policy_document.assume_ecs_tasks.json
  tags               = local.tags
}

data "aws_iam_policy_document" "task" {
  dynamic "statement" {
    for_each = local.cloudwatch ? [1] : []
    content {
      sid       = "CloudWatchMetrics"
      actions   = ["cloudwatch:PutMetricData"]
      resources = ["*"] # PutMetricData has no resource ARN; the namespace condition narrows it
      condition {
        test     = "StringEquals"
        variable = "cloudwatch:namespace"
        values   = [var.cloudwatch_namespace]
      }
    }
  }
  dynamic "statement" {
    for_each = local.xray ? [1] : []
    content {
      sid       = "XRayTraces"
      actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"]
      resources = ["*"] # X-Ray has no resource-level permissions for these actions
    }
  }
  statement {
    sid       = "AppMeshOfThisMesh"
    actions   = ["appmesh:*"]
    resources = [local.mesh_arn, "${local.mesh_arn}/*"]
  }
  dynamic "statement" {
    for_each = local.app_mesh ? [1] : []
    content {
      sid       = "EnvoyConfiguration"
      actions   = ["appmesh:StreamAggregatedResources"]
      resources = [aws_appmesh_virtual_gateway.ingress[0].arn]
    }
  }
}

resource "aws_iam_role_policy" "task" {
  name   = "meshfed-gateway"
  role   = aws_iam_role.task.id
  policy = data.aws_iam_policy_document.task.json
}

# --- The gateway: an ECS Fargate service -----------------------------------------------------------------

locals {
  log_configuration = {
    logDriver = "awslogs"
    options = {
      "awslogs-group"         = aws_cloudwatch_log_group.gateway.name
      "awslogs-region"        = var.region
      "awslogs-stream-prefix" = "meshfed"
    }
  }

  materialize_container = {
    name                   = "materialize"
    image                  = var.image
    essential              = false
    user                   = "0"
    readonlyRootFilesystem = true
    entryPoint             = ["/bin/sh", "-c"]
    command                = [local.materialize]
    environment = [
      # One multi-document manifest: the gateway merges its documents as it merges a folder's files.
      { name = "MESHFED_MANIFEST", value = join("\n---\n", [for f in sort(keys(var.manifest_files)) : var.manifest_files[f]]) },
    ]
    secrets = [
      { name = "MESHFED_TRUST_BUNDLE", valueFrom = data.aws_secretsmanager_secret.trust["bundle"].arn },
      { name = "MESHFED_GATEWAY_CERT", valueFrom = data.aws_secretsmanager_secret.trust["certificate"].arn },
      { name = "MESHFED_GATEWAY_KEY", valueFrom = data.aws_secretsmanager_secret.trust["private_key"].arn },
    ]
    mountPoints = [
      { sourceVolume = "manifest", containerPath = local.manifest_dir, readOnly = false },
      { sourceVolume = "trust", containerPath = local.trust_dir, readOnly = false },
    ]
    logConfiguration = local.log_configuration
  }

  gateway_container = {
    name                   = "gateway"
    image                  = var.image
    essential              = true
    readonlyRootFilesystem = true
    # The image's entrypoint is `dotnet /app/meshfed.dll`; this is the gateway command of the runtime contract.
    command      = ["gateway", local.manifest_dir, "--site", var.site_name, "--trust-dir", local.trust_dir]
    portMappings = [for p in local.gateway_ports : { containerPort = p, protocol = "tcp" }]
    environment = [
      { name = "AWS_REGION", value = var.region },
      { name = "MESHFED_SPIFFE_ID", value = var.spiffe_id },
    ]
    mountPoints = [
      { sourceVolume = "manifest", containerPath = local.manifest_dir, readOnly = true },
      { sourceVolume = "trust", containerPath = local.trust_dir, readOnly = true },
      { sourceVolume = "tmp", containerPath = "/tmp", readOnly = false },
    ]
    dependsOn        = [{ containerName = "materialize", condition = "SUCCESS" }]
    logConfiguration = local.log_configuration
  }

  envoy_container = local.app_mesh ? [{
    name                   = "envoy"
    image                  = var.envoy_image
    essential              = true
    user                   = "1337"
    readonlyRootFilesystem = false
    portMappings           = [{ containerPort = var.app_mesh.ingress_port, protocol = "tcp" }]
    environment = [
      { name = "APPMESH_RESOURCE_ARN", value = aws_appmesh_virtual_gateway.ingress[0].arn },
      { name = "AWS_REGION", value = var.region },
    ]
    logConfiguration = local.log_configuration
  }] : []
}

resource "aws_ecs_task_definition" "gateway" {
  family                   = local.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = tostring(var.cpu)
  memory                   = tostring(var.memory)
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn
  container_definitions    = jsonencode(concat([local.materialize_container, local.gateway_container], local.envoy_container))
  volume {
    name = "manifest"
  }
  volume {
    name = "trust"
  }
  volume {
    name = "tmp"
  }
  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }
  tags = local.tags
}

resource "aws_ecs_service" "gateway" {
  name            = "meshfed-gateway"
  cluster         = var.ecs_cluster_arn
  task_definition = aws_ecs_task_definition.gateway.arn
  desired_count   = var.desired_count
  launch_type     = "FARGATE"
  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.tasks.id]
    assign_public_ip = false
  }
  load_balancer {
    target_group_arn = aws_lb_target_group.peer.arn
    container_name   = "gateway"
    container_port   = var.gateway.peer_port
  }
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
  propagate_tags = "SERVICE"
  tags           = local.tags
  depends_on     = [aws_lb_listener.peer]
}
