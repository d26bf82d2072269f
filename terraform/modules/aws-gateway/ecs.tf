# platform = "ecs": the gateway as an ECS Fargate service behind a Network Load Balancer this module creates.
# Everything here exists only on that platform (count / for_each on local.ecs).

locals {
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
  # The NLB reaches the tasks on these: traffic on the peer port, health checks on the admin port.
  load_balancer_ports = local.ecs ? toset([for p in [var.gateway.peer_port, var.gateway.admin_port] : tostring(p)]) : toset([])
}

resource "aws_cloudwatch_log_group" "gateway" {
  count             = local.ecs ? 1 : 0
  name              = "/meshfed/${var.mesh_name}/${var.site_name}"
  retention_in_days = var.log_retention_days
  tags              = local.tags
}

# --- Network: the NLB admits the peers on the peer port; the tasks admit the NLB and the site's mesh -------

resource "aws_security_group" "load_balancer" {
  count       = local.ecs ? 1 : 0
  name        = "${local.name}-nlb"
  description = "meshfed ${var.site_name}: peer gateways only, on the peer port"
  vpc_id      = var.vpc_id
  tags        = local.tags

  lifecycle {
    precondition {
      condition     = local.peers_complete
      error_message = local.peers_incomplete
    }
  }
}

resource "aws_vpc_security_group_ingress_rule" "peers" {
  for_each          = local.ecs ? toset(local.admitted) : toset([])
  security_group_id = aws_security_group.load_balancer[0].id
  description       = "meshfed peer gateway"
  cidr_ipv4         = strcontains(each.value, ":") ? null : each.value
  cidr_ipv6         = strcontains(each.value, ":") ? each.value : null
  ip_protocol       = "tcp"
  from_port         = var.gateway.peer_port
  to_port           = var.gateway.peer_port
  tags              = local.tags
}

resource "aws_vpc_security_group_egress_rule" "load_balancer_to_tasks" {
  for_each                     = local.load_balancer_ports
  security_group_id            = aws_security_group.load_balancer[0].id
  description                  = "to the gateway tasks (traffic and health checks)"
  referenced_security_group_id = aws_security_group.tasks[0].id
  ip_protocol                  = "tcp"
  from_port                    = tonumber(each.value)
  to_port                      = tonumber(each.value)
  tags                         = local.tags
}

resource "aws_security_group" "tasks" {
  count       = local.ecs ? 1 : 0
  name        = "${local.name}-tasks"
  description = "meshfed ${var.site_name} gateway tasks"
  vpc_id      = var.vpc_id
  tags        = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "from_load_balancer" {
  for_each                     = local.load_balancer_ports
  security_group_id            = aws_security_group.tasks[0].id
  description                  = "from the NLB (peer traffic and health checks)"
  referenced_security_group_id = aws_security_group.load_balancer[0].id
  ip_protocol                  = "tcp"
  from_port                    = tonumber(each.value)
  to_port                      = tonumber(each.value)
  tags                         = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "from_mesh" {
  for_each          = local.ecs ? toset(var.local_cidrs) : toset([])
  security_group_id = aws_security_group.tasks[0].id
  description       = "local listener: requests from the site's mesh"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = var.gateway.local_port
  to_port           = var.gateway.local_port
  tags              = local.tags
}

resource "aws_vpc_security_group_egress_rule" "tasks_out" {
  count             = local.ecs ? 1 : 0
  security_group_id = aws_security_group.tasks[0].id
  description       = "peer gateways, the site's services, AWS APIs"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
  tags              = local.tags
}

resource "aws_lb" "peer" {
  count                            = local.ecs ? 1 : 0
  name                             = local.load_balancer_name
  load_balancer_type               = "network"
  internal                         = var.internal_load_balancer
  subnets                          = var.load_balancer_subnet_ids
  security_groups                  = [aws_security_group.load_balancer[0].id]
  enable_cross_zone_load_balancing = true
  tags                             = local.tags
}

resource "aws_lb_target_group" "peer" {
  count                = local.ecs ? 1 : 0
  name                 = local.load_balancer_name
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
  count             = local.ecs ? 1 : 0
  load_balancer_arn = aws_lb.peer[0].arn
  port              = var.gateway.peer_port
  # TCP pass-through: the gateway terminates the federation mTLS itself (it checks the peer's SPIFFE ID).
  protocol = "TCP"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.peer[0].arn
  }
  tags = local.tags
}

# --- IAM: the execution role reads the three secrets, writes the log group and pulls the images -----------

resource "aws_iam_role" "execution" {
  count              = local.ecs ? 1 : 0
  name               = "${local.name}-execution"
  assume_role_policy = data.aws_iam_policy_document.assume_ecs_tasks.json
  tags               = local.tags
}

data "aws_iam_policy_document" "execution" {
  count = local.ecs ? 1 : 0
  statement {
    sid       = "TrustSecrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [for s in data.aws_secretsmanager_secret.trust : s.arn]
  }
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.gateway[0].arn}:*"]
  }
  statement {
    sid       = "PullImages"
    actions   = ["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "execution" {
  count  = local.ecs ? 1 : 0
  name   = "meshfed-execution"
  role   = aws_iam_role.execution[0].id
  policy = data.aws_iam_policy_document.execution[0].json
}

# --- The gateway: an ECS Fargate service -----------------------------------------------------------------

locals {
  log_configuration = local.ecs ? {
    logDriver = "awslogs"
    options = {
      "awslogs-group"         = aws_cloudwatch_log_group.gateway[0].name
      "awslogs-region"        = var.region
      "awslogs-stream-prefix" = "meshfed"
    }
  } : null

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
    command      = local.gateway_args
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
  count                    = local.ecs ? 1 : 0
  family                   = local.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = tostring(var.cpu)
  memory                   = tostring(var.memory)
  execution_role_arn       = aws_iam_role.execution[0].arn
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
  count           = local.ecs ? 1 : 0
  name            = "meshfed-gateway"
  cluster         = var.ecs_cluster_arn
  task_definition = aws_ecs_task_definition.gateway[0].arn
  desired_count   = var.desired_count
  launch_type     = "FARGATE"
  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.tasks[0].id]
    assign_public_ip = false
  }
  load_balancer {
    target_group_arn = aws_lb_target_group.peer[0].arn
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
