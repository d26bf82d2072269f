# platform = "ecs": the gateway as an ECS Fargate service behind a Network Load Balancer this module creates.
# Everything here exists only on that platform (count / for_each on local.ecs).

locals {
  # App Mesh sites on ECS: the virtual gateway's Envoy presents the gateway's MESH identity
  # (spiffe://<mesh trust domain>/ns/meshfed-system/sa/meshfed-gateway, issued by the site mesh's CA) on hop 3,
  # because the callee virtual nodes validate exactly that SAN against the mesh CA. The federation SVID
  # (/etc/meshfed/trust) is another identity from another CA, so it comes from its own three secrets
  # (app_mesh_ingress_tls) into its own folder. The folder and file names are the rendering's
  # (src/Adapters.Aws/AppMesh/Translation/AppMeshTls.cs: CertificateChainFile, PrivateKeyFile, TrustBundleFile),
  # which the virtual gateway's file certificate and validation trust name; TerraformModulePlanTests checks that
  # they agree. "SPIRE is not supported on Amazon ECS" (App Mesh user guide, Mutual TLS Authentication, "Configure
  # Amazon ECS workloads"), so on ECS App Mesh reads "a certificate stored on the local file system" (App Mesh user
  # guide, Transport Layer Security, "Certificate requirements"/"File" source); ACM PCA certificates reach Envoy
  # as files exported by the user (aws-app-mesh-roadmap#258: "Certificates and trust bundles from ACM PCA could be
  # exported to the file system").
  app_mesh_tls_dir = "/etc/meshfed/appmesh-tls"
  app_mesh_tls     = local.ecs && local.app_mesh
  # Fargate bind mounts are owned by root, so a short-lived container (as root) writes the secrets and the
  # manifest into them, for the gateway's user and group only (on App Mesh sites the virtual gateway's Envoy reads
  # its own mesh certificate files, in a separate folder, as a member of that group; it never sees the federation
  # key); the gateway itself runs with a read-only root. Fargate offers no tmpfs ("tmpfs ... isn't supported"
  # for the Fargate launch type: ECS API reference, LinuxParameters), so the files live on the task's ephemeral
  # storage, which Fargate encrypts and which goes away with the task ("Fargate task ephemeral storage", ECS
  # developer guide).
  materialize = <<-EOT
    set -eu
    umask 027
    printf '%s' "$MESHFED_MANIFEST" > ${local.manifest_dir}/manifest.yaml
    printf '%s' "$MESHFED_TRUST_BUNDLE" > ${local.trust_dir}/bundle.pem
    printf '%s' "$MESHFED_GATEWAY_CERT" > ${local.trust_dir}/gateway.crt
    printf '%s' "$MESHFED_GATEWAY_KEY" > ${local.trust_dir}/gateway.key
    chown -R 1654:1654 ${local.manifest_dir} ${local.trust_dir}
    ${local.app_mesh_tls ? local.materialize_app_mesh_tls : ""}
  EOT
  materialize_app_mesh_tls = <<-EOT
    printf '%s' "$MESHFED_APPMESH_CA_BUNDLE" > ${local.app_mesh_tls_dir}/ca-bundle.pem
    printf '%s' "$MESHFED_APPMESH_PRIVATE_KEY" > ${local.app_mesh_tls_dir}/private-key.pem
    printf '%s' "$MESHFED_APPMESH_CERT_CHAIN" > ${local.app_mesh_tls_dir}/cert-chain.pem
    chown -R 1654:1654 ${local.app_mesh_tls_dir}
  EOT

  # ECS resolves `secrets` once, when a container starts ("Pass Secrets Manager secrets through Amazon ECS
  # environment variables", ECS developer guide: a new secret version reaches a container only when it starts
  # again), so the files would expire with the certificates in them (fidelity review row 20). This sidecar
  # re-reads the secrets as the task role on a timer, as the EKS and GKE CSI drivers and the MIG timer do, and
  # replaces each folder's files only when all of that folder's secrets were read: each through a temporary file
  # and a rename, key before certificate, so a reader (the gateway watches its folder) never sees a half-written
  # file. The same loop refreshes the federation trust files and, on App Mesh sites, the virtual gateway's mesh
  # certificate files.
  refresh_trust = <<-EOT
    set -u
    umask 027
    fetch() {
      aws secretsmanager get-secret-value --secret-id "$1" --query SecretString --output text > "$dir/.$2.new" \
        && [ -s "$dir/.$2.new" ]
    }
    while true; do
      sleep ${var.trust_refresh_seconds}
      ${local.refresh_trust_files}
      ${local.app_mesh_tls ? local.refresh_app_mesh_tls_files : ""}
    done
  EOT
  refresh_trust_files = <<-EOT
    dir=${local.trust_dir}
    if fetch "$MESHFED_TRUST_BUNDLE_ARN" bundle.pem && fetch "$MESHFED_GATEWAY_KEY_ARN" gateway.key \
      && fetch "$MESHFED_GATEWAY_CERT_ARN" gateway.crt; then
      mv -f "$dir/.bundle.pem.new" "$dir/bundle.pem"
      mv -f "$dir/.gateway.key.new" "$dir/gateway.key"
      mv -f "$dir/.gateway.crt.new" "$dir/gateway.crt"
    else
      echo "meshfed trust refresh: reading the federation trust secrets failed; the current files stay" >&2
    fi
  EOT
  refresh_app_mesh_tls_files = <<-EOT
    dir=${local.app_mesh_tls_dir}
    if fetch "$MESHFED_APPMESH_CA_BUNDLE_ARN" ca-bundle.pem && fetch "$MESHFED_APPMESH_PRIVATE_KEY_ARN" private-key.pem \
      && fetch "$MESHFED_APPMESH_CERT_CHAIN_ARN" cert-chain.pem; then
      mv -f "$dir/.ca-bundle.pem.new" "$dir/ca-bundle.pem"
      mv -f "$dir/.private-key.pem.new" "$dir/private-key.pem"
      mv -f "$dir/.cert-chain.pem.new" "$dir/cert-chain.pem"
    else
      echo "meshfed trust refresh: reading the virtual gateway's mesh certificate secrets failed; the current files stay" >&2
    fi
  EOT

  # The NLB reaches the tasks on these: traffic on the peer port, health checks on the admin port. The virtual
  # gateway's ingress port is reached only by the gateway, over the task's loopback (and, while a Lattice site
  # migrates from App Mesh, by Lattice: lattice.tf); no rule here admits it.
  load_balancer_ports = local.ecs ? toset([for p in [var.gateway.peer_port, var.gateway.admin_port] : tostring(p)]) : toset([])
  gateway_ports       = [var.gateway.peer_port, var.gateway.local_port, var.gateway.admin_port]
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

# The virtual gateway's mesh certificate, from the user's mesh PKI (or an ACM PCA export): three Secrets Manager
# secrets, PEM text each, read like the trust secrets (never through Terraform state).
data "aws_secretsmanager_secret" "app_mesh_ingress_tls" {
  for_each = local.app_mesh_tls ? {
    certificate_chain = var.app_mesh_ingress_tls.certificate_chain_secret
    private_key       = var.app_mesh_ingress_tls.private_key_secret
    ca_bundle         = var.app_mesh_ingress_tls.ca_bundle_secret
  } : {}
  name = each.value
}

# --- IAM: the execution role reads the secrets, writes the log group and pulls the images -----------------
# ECS reads a container's `secrets` with the task execution role, which needs secretsmanager:GetSecretValue on
# each ("Amazon ECS task execution IAM role", ECS developer guide, "Secrets Manager or Systems Manager permissions").

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
  dynamic "statement" {
    for_each = local.app_mesh_tls ? [1] : []
    content {
      sid       = "AppMeshIngressTlsSecrets"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [for s in data.aws_secretsmanager_secret.app_mesh_ingress_tls : s.arn]
    }
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

  # The virtual gateway's mesh certificate folder: written by materialize and trust-refresh, read by its Envoy.
  app_mesh_tls_mounts_writable = local.app_mesh_tls ? [{ sourceVolume = "appmesh-tls", containerPath = local.app_mesh_tls_dir, readOnly = false }] : []

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
    secrets = concat([
      { name = "MESHFED_TRUST_BUNDLE", valueFrom = data.aws_secretsmanager_secret.trust["bundle"].arn },
      { name = "MESHFED_GATEWAY_CERT", valueFrom = data.aws_secretsmanager_secret.trust["certificate"].arn },
      { name = "MESHFED_GATEWAY_KEY", valueFrom = data.aws_secretsmanager_secret.trust["private_key"].arn },
      ], local.app_mesh_tls ? [
      { name = "MESHFED_APPMESH_CA_BUNDLE", valueFrom = data.aws_secretsmanager_secret.app_mesh_ingress_tls["ca_bundle"].arn },
      { name = "MESHFED_APPMESH_PRIVATE_KEY", valueFrom = data.aws_secretsmanager_secret.app_mesh_ingress_tls["private_key"].arn },
      { name = "MESHFED_APPMESH_CERT_CHAIN", valueFrom = data.aws_secretsmanager_secret.app_mesh_ingress_tls["certificate_chain"].arn },
    ] : [])
    mountPoints = concat([
      { sourceVolume = "manifest", containerPath = local.manifest_dir, readOnly = false },
      { sourceVolume = "trust", containerPath = local.trust_dir, readOnly = false },
    ], local.app_mesh_tls_mounts_writable)
    logConfiguration = local.log_configuration
  }

  trust_refresh_container = {
    name                   = "trust-refresh"
    image                  = var.aws_cli_image
    essential              = true # if it stops, the task is replaced and starts with fresh secrets
    user                   = "1654:1654"
    readonlyRootFilesystem = true
    entryPoint             = ["/bin/sh", "-c"]
    command                = [local.refresh_trust]
    environment = concat([
      { name = "AWS_REGION", value = var.region },
      { name = "HOME", value = "/tmp" },
      { name = "MESHFED_TRUST_BUNDLE_ARN", value = data.aws_secretsmanager_secret.trust["bundle"].arn },
      { name = "MESHFED_GATEWAY_CERT_ARN", value = data.aws_secretsmanager_secret.trust["certificate"].arn },
      { name = "MESHFED_GATEWAY_KEY_ARN", value = data.aws_secretsmanager_secret.trust["private_key"].arn },
      ], local.app_mesh_tls ? [
      { name = "MESHFED_APPMESH_CA_BUNDLE_ARN", value = data.aws_secretsmanager_secret.app_mesh_ingress_tls["ca_bundle"].arn },
      { name = "MESHFED_APPMESH_PRIVATE_KEY_ARN", value = data.aws_secretsmanager_secret.app_mesh_ingress_tls["private_key"].arn },
      { name = "MESHFED_APPMESH_CERT_CHAIN_ARN", value = data.aws_secretsmanager_secret.app_mesh_ingress_tls["certificate_chain"].arn },
    ] : [])
    mountPoints = concat([
      { sourceVolume = "trust", containerPath = local.trust_dir, readOnly = false },
      { sourceVolume = "tmp", containerPath = "/tmp", readOnly = false },
    ], local.app_mesh_tls_mounts_writable)
    dependsOn        = [{ containerName = "materialize", condition = "SUCCESS" }]
    logConfiguration = local.log_configuration
  }

  gateway_container = {
    name                   = "gateway"
    image                  = var.image
    essential              = true
    readonlyRootFilesystem = true
    # The image's entrypoint is `dotnet /app/meshfed.dll`; this is the gateway command of the runtime contract.
    command      = local.gateway_args
    # Named, so the service's VPC Lattice configuration can register the local port (port_name).
    portMappings = [
      { name = "peer", containerPort = var.gateway.peer_port, protocol = "tcp" },
      { name = "local", containerPort = var.gateway.local_port, protocol = "tcp" },
      { name = "admin", containerPort = var.gateway.admin_port, protocol = "tcp" },
    ]
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

  # App Mesh sites: the virtual gateway's Envoy, in the same task (awsvpc: one network namespace), so the
  # gateway delivers hop 3 to 127.0.0.1:<ingress_port> (docs/data-path.md). Its certificates come from files:
  # "SPIRE is not supported on Amazon ECS" (App Mesh user guide, Mutual TLS Authentication, "Configure Amazon ECS
  # workloads"), which points ECS at file certificates retrieved from AWS Secrets Manager. It presents the gateway's
  # MESH identity, so it mounts only the appmesh-tls folder (the app_mesh_ingress_tls secrets), read-only, at the
  # paths the rendered virtual gateway names; not the federation trust folder, whose SVID the callee virtual nodes
  # would refuse and whose key it never needs. A bind mount shares a task volume between containers ("Use bind
  # mounts with Amazon ECS", ECS developer guide). Envoy runs as uid 1337 (the App Mesh Envoy image's user) in
  # the gateway's group 1654, which may read the files.
  ingress_container = local.app_mesh ? [{
    name                   = var.app_mesh.virtual_gateway
    image                  = var.envoy_image
    essential              = true
    user                   = "1337:1654"
    readonlyRootFilesystem = false
    # Named so that, during a migration to Lattice, ECS can register it in the App Mesh ingress target groups (lattice.tf).
    portMappings           = [{ name = "appmesh-ingress", containerPort = var.app_mesh.ingress_port, protocol = "tcp" }]
    environment = [
      { name = "APPMESH_RESOURCE_ARN", value = aws_appmesh_virtual_gateway.ingress[0].arn },
      { name = "AWS_REGION", value = var.region },
    ]
    mountPoints = [
      { sourceVolume = "appmesh-tls", containerPath = local.app_mesh_tls_dir, readOnly = true },
    ]
    # The health check App Mesh documents for its Envoy container (App Mesh user guide, "Envoy image", ECS).
    healthCheck = {
      command     = ["CMD-SHELL", "curl -s http://localhost:9901/server_info | grep state | grep -q LIVE"]
      interval    = 5
      timeout     = 2
      retries     = 3
      startPeriod = 10
    }
    dependsOn        = [{ containerName = "materialize", condition = "SUCCESS" }]
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
  container_definitions    = jsonencode(concat([local.materialize_container, local.trust_refresh_container, local.gateway_container], local.ingress_container))
  volume {
    name = "manifest"
  }
  volume {
    name = "trust"
  }
  volume {
    name = "tmp"
  }
  dynamic "volume" {
    for_each = local.app_mesh_tls ? ["appmesh-tls"] : []
    content {
      name = volume.value
    }
  }
  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }
  tags = local.tags
}

# --- App Mesh sites: the name the remote virtual nodes discover the gateway by ------------------------------
# The renderer gives the virtual nodes of services served by other sites `awsCloudMap {namespaceName:
# meshfed-system.local, serviceName: meshfed-gateway}` on ECS (fidelity review row 3). App Mesh looks the
# instances up with Cloud Map's DiscoverInstances, which needs an API-callable or DNS namespace ("Service
# discovery", App Mesh user guide, virtual nodes: "AWS Cloud Map"); ECS registers every task's awsvpc address in
# it through the service's `service_registries` ("Service discovery", ECS developer guide), and deregisters
# tasks that stop. A private DNS namespace in the site's VPC also answers meshfed-gateway.meshfed-system.local.

resource "aws_service_discovery_private_dns_namespace" "gateway" {
  count       = local.ecs && local.app_mesh ? 1 : 0
  name        = var.app_mesh.cloud_map_namespace
  description = "meshfed ${var.site_name}: the gateway, for the remote virtual nodes"
  vpc         = var.vpc_id
  tags        = local.tags
}

resource "aws_service_discovery_service" "gateway" {
  count        = local.ecs && local.app_mesh ? 1 : 0
  name         = var.app_mesh.cloud_map_service
  namespace_id = aws_service_discovery_private_dns_namespace.gateway[0].id
  dns_config {
    namespace_id   = aws_service_discovery_private_dns_namespace.gateway[0].id
    routing_policy = "MULTIVALUE"
    dns_records {
      type = "A" # awsvpc tasks have their own address; the port is the virtual node's listener port
      ttl  = 10
    }
  }
  # ECS reports each task's health from its containers' state, so a task that stops leaves the namespace
  # (Cloud Map's custom health checks; its failure threshold is fixed at 1, so none is given).
  health_check_custom_config {}
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
  # Lattice sites: ECS registers each task's local port in the gateway's target groups and, while migrating from App
  # Mesh, its virtual gateway port in the App Mesh ingress target groups (VpcLatticeConfiguration: portName names a
  # port mapping of the task definition, https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_VpcLatticeConfiguration.html;
  # the provider's vpc_lattice_configurations block of aws_ecs_service).
  dynamic "vpc_lattice_configurations" {
    for_each = concat([for name in local.lattice_target_groups : { name = name, port = "local" }],
    [for name in local.lattice_ingress_target_groups : { name = name, port = "appmesh-ingress" }])
    content {
      role_arn         = aws_iam_role.ecs_lattice[0].arn
      target_group_arn = lookup(var.lattice_gateway_target_group_arns, vpc_lattice_configurations.value.name, null)
      port_name        = vpc_lattice_configurations.value.port
    }
  }
  dynamic "service_registries" {
    for_each = aws_service_discovery_service.gateway[*].arn
    content {
      registry_arn = service_registries.value
    }
  }
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
  propagate_tags = "SERVICE"
  tags           = local.tags
  depends_on     = [aws_lb_listener.peer]
  lifecycle {
    # Checked at plan, where the rendered target group names and the environment's ARNs meet.
    precondition {
      condition     = alltrue([for name in concat(local.lattice_target_groups, local.lattice_ingress_target_groups) : contains(keys(var.lattice_gateway_target_group_arns), name)])
      error_message = "lattice_gateway_target_group_arns must give the ARN of every target group in lattice.gateway_target_groups and lattice.app_mesh_ingress_target_groups (created by `meshfed apply`), so that ECS registers the gateway in each."
    }
  }
}
