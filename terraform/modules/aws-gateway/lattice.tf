# --- VPC Lattice sites (mesh_kind = "vpc-lattice"): the gateway's side of the data path (docs/lattice-datapath.md) ---
# `meshfed apply` creates the service network, the services and every target group, the gateway's included (one
# per remote service and HTTP version, named as LatticeAddressing.GatewayTargetGroupName says), tagged
# meshfed.dev/mesh. This file connects the gateway to them:
#   * the VPC reaches the service network, by a VPC association or (traffic from outside the VPC: on-premises,
#     other clouds over VPN or Direct Connect) a service-network VPC endpoint;
#   * the task role may invoke the mesh's Lattice services only (vpc-lattice-svcs:Invoke on services tagged
#     meshfed.dev/mesh = this mesh) and carries the principal tag the services' auth policies admit the gateway by;
#   * on ECS, Amazon ECS registers every gateway task in the gateway's target groups (the service's VPC Lattice
#     configuration), so the Lattice services of services that run on other sites forward to the gateway; on EKS the
#     AWS Gateway API Controller does, for the gateway-api/ rendering: its routes name the Services created here;
#   * the tasks admit Lattice's addresses (the region's managed prefix list) on the local and admin ports, and
#     the gateway believes x-amzn-lattice-identity from those addresses only (--trust-lattice-from).

locals {
  lattice          = var.lattice != null && var.mesh_kind == "vpc-lattice"
  lattice_endpoint = local.lattice && var.lattice_connection == "endpoint"
  # The VPC the gateway runs in: given on ECS, the cluster's on EKS.
  lattice_vpc_id        = local.ecs ? var.vpc_id : try(data.aws_eks_cluster.this[0].vpc_config[0].vpc_id, null)
  lattice_target_groups = local.lattice && local.ecs ? [for tg in var.lattice.gateway_target_groups : tg.name] : []
  # During a migration from App Mesh: the groups through which Lattice hands App Mesh's share to the ingress virtual
  # gateway's Envoy, in the gateway's task or pod (docs/migration.md). Only while the site still has that Envoy.
  lattice_migrating             = local.lattice && local.app_mesh ? length(var.lattice.app_mesh_ingress_target_groups) > 0 : false
  lattice_ingress_target_groups = local.lattice_migrating && local.ecs ? [for tg in var.lattice.app_mesh_ingress_target_groups : tg.name] : []
  # The ports Lattice reaches the gateway on: requests for remote services (local), health checks (admin) and, while
  # migrating, App Mesh's share of the site's own services (the virtual gateway's listener).
  lattice_ports = toset(concat([tostring(var.gateway.local_port), tostring(var.gateway.admin_port)],
  local.lattice_migrating ? [tostring(var.app_mesh.ingress_port)] : []))
}

data "aws_partition" "current" {}

data "aws_caller_identity" "current" {}

# The AWS-managed prefix list com.amazonaws.<region>.vpc-lattice (Terraform AWS provider, data source
# aws_ec2_managed_prefix_list: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/ec2_managed_prefix_list).
data "aws_ec2_managed_prefix_list" "lattice" {
  count = local.lattice ? 1 : 0
  name  = "com.amazonaws.${var.region}.vpc-lattice"
}

# The VPC's clients (and the gateway) reach the mesh's Lattice services (aws_vpclattice_service_network_vpc_association:
# https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpclattice_service_network_vpc_association).
resource "aws_vpclattice_service_network_vpc_association" "gateway" {
  count                      = local.lattice && !local.lattice_endpoint ? 1 : 0
  vpc_identifier             = local.lattice_vpc_id
  service_network_identifier = var.lattice_service_network_arn
  tags                       = local.tags
}

# Traffic from outside AWS enters a service network only through a service-network VPC endpoint ("Manage
# associations for a VPC Lattice service network", https://docs.aws.amazon.com/vpc-lattice/latest/ug/service-network-associations.html;
# aws_vpc_endpoint with vpc_endpoint_type = "ServiceNetwork": https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint).
resource "aws_vpc_endpoint" "lattice" {
  count               = local.lattice_endpoint ? 1 : 0
  vpc_id              = local.lattice_vpc_id
  vpc_endpoint_type   = "ServiceNetwork"
  service_network_arn = var.lattice_service_network_arn
  subnet_ids          = var.lattice_endpoint_subnet_ids
  private_dns_enabled = true
  tags                = local.tags
}

# ECS registers the gateway's tasks in the gateway's target groups as this role (the managed policy
# AmazonECSInfrastructureRolePolicyForVpcLattice: RegisterTargets, DeregisterTargets, GetTargetGroup, ListTargets;
# https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonECSInfrastructureRolePolicyForVpcLattice.html).
data "aws_iam_policy_document" "assume_ecs_infrastructure" {
  count = local.lattice && local.ecs ? 1 : 0
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "ecs_lattice" {
  count              = local.lattice && local.ecs ? 1 : 0
  name               = "${local.name}-ecs-lattice"
  assume_role_policy = data.aws_iam_policy_document.assume_ecs_infrastructure[0].json
  tags               = local.tags
}

resource "aws_iam_role_policy_attachment" "ecs_lattice" {
  count      = local.lattice && local.ecs ? 1 : 0
  role       = aws_iam_role.ecs_lattice[0].name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonECSInfrastructureRolePolicyForVpcLattice"
}

# Lattice reaches the tasks on the local listener (requests for remote services) and the admin port (health checks).
resource "aws_vpc_security_group_ingress_rule" "from_lattice" {
  for_each          = local.lattice && local.ecs ? local.lattice_ports : toset([])
  security_group_id = aws_security_group.tasks[0].id
  description       = "VPC Lattice: requests for remote services and health checks"
  prefix_list_id    = data.aws_ec2_managed_prefix_list.lattice[0].id
  ip_protocol       = "tcp"
  from_port         = tonumber(each.value)
  to_port           = tonumber(each.value)
  tags              = local.tags
}

# --- EKS: the gateway's pods as Lattice targets ---
# The AWS Gateway API Controller makes a Lattice target group of each Kubernetes Service an HTTPRoute or GRPCRoute
# names as a backendRef, and registers that Service's pods (their IPs) in it ("HTTPRoute API Reference", backendRefs,
# https://www.gateway-api-controller.eks.aws.dev/latest/api-types/http-route/; "TargetGroupPolicy API Reference":
# protocol, protocol version and health check of that target group,
# https://github.com/aws/aws-application-networking-k8s/blob/main/docs/api-types/target-group-policy.md). The gateway-api/ rendering's
# routes send the shares of services that run on other sites to meshfed-gateway-lattice-http1/-http2 in this
# namespace on the local port, each with its TargetGroupPolicy (docs/lattice.md, gateway-api/); these are those
# Services, selecting the gateway's pods. The api/ target groups `meshfed apply` creates get no pods on EKS: nothing
# registers pods in a target group the controller did not create, so EKS Lattice sites take the gateway-api/ folder.
resource "kubernetes_service_v1" "lattice" {
  for_each = local.lattice && local.eks ? toset([for svc in var.lattice.gateway_services : svc.name]) : toset([])
  metadata {
    name      = each.key
    namespace = kubernetes_namespace_v1.gateway[0].metadata[0].name
    labels    = local.k8s_labels
  }
  spec {
    type     = "ClusterIP"
    selector = local.selector
    # One port: a backendRef names a Service port; HTTP/1.1 or h2c is the TargetGroupPolicy's protocol version.
    port {
      name        = one([for svc in var.lattice.gateway_services : svc.protocol_version if svc.name == each.key]) == "HTTP2" ? "http2-local" : "http-local"
      port        = var.gateway.local_port
      target_port = var.gateway.local_port
    }
  }
}

# EKS pods use the cluster security group: "You must set up security groups so that they allow all Pods communicating
# with VPC Lattice to allow traffic from the VPC Lattice managed prefix lists", on the cluster security group
# ("Deploying the AWS Gateway API Controller", https://github.com/aws/aws-application-networking-k8s/blob/main/docs/guides/deploy.md).
# The guide opens every port; here only the gateway's local and admin ports.
resource "aws_vpc_security_group_ingress_rule" "from_lattice_eks" {
  for_each          = local.lattice && local.eks ? local.lattice_ports : toset([])
  security_group_id = data.aws_eks_cluster.this[0].vpc_config[0].cluster_security_group_id
  description       = "VPC Lattice: requests for remote services and health checks to the meshfed gateway pods"
  prefix_list_id    = data.aws_ec2_managed_prefix_list.lattice[0].id
  ip_protocol       = "tcp"
  from_port         = tonumber(each.value)
  to_port           = tonumber(each.value)
  tags              = local.tags
}

# --- Migration from App Mesh: the ingress virtual gateway's Envoy as a Lattice target ---
# The Lattice rendering of a migrating site forwards (100 - latticeWeight)% of each service's requests to a target
# group on the virtual gateway's port (docs/migration.md). ECS registers the tasks in those groups like in the
# gateway's own (ecs.tf, vpc_lattice_configurations on the ingress container's port "appmesh-ingress"). On EKS the
# gateway-api/ rendering names the Service meshfed-ingress on that port as the backendRef of the App Mesh share; the
# AWS Gateway API Controller makes its target group and registers the pods behind it (HTTPRoute backendRefs,
# https://www.gateway-api-controller.eks.aws.dev/latest/api-types/http-route/). This is that Service. Lattice reaches
# the port from its prefix list (lattice_ports); what Lattice forwards there has passed the Lattice service's auth policy.
resource "kubernetes_service_v1" "app_mesh_ingress" {
  count = local.lattice_migrating && local.eks ? 1 : 0
  metadata {
    name      = var.app_mesh.virtual_gateway
    namespace = kubernetes_namespace_v1.gateway[0].metadata[0].name
    labels    = local.k8s_labels
  }
  spec {
    type     = "ClusterIP"
    selector = local.selector
    port {
      # The virtual gateway has one listener; its HTTP version is that of the ingress target groups (all alike).
      name        = one(distinct([for tg in var.lattice.app_mesh_ingress_target_groups : tg.protocol_version])) == "HTTP2" ? "http2-ingress" : "http-ingress"
      port        = var.app_mesh.ingress_port
      target_port = var.app_mesh.ingress_port
    }
  }
}
