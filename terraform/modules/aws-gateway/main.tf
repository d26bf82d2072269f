# A meshfed gateway for one AWS site, behind a Network Load Balancer on the peer port that admits only the other
# sites' gateways: an ECS Fargate service (platform = "ecs", ecs.tf) or a Deployment in an existing EKS cluster
# (platform = "eks", eks.tf); the platform is the manifest's gateway.platform, rendered into the tfvars. Both
# read the trust files from the same Secrets Manager secrets and run as one IAM role that may export telemetry,
# read those secrets (and, App Mesh on ECS, the virtual gateway's mesh certificate secrets) and (App Mesh sites)
# fetch the virtual gateway's Envoy configuration, and nothing else.

locals {
  name = "meshfed-${var.mesh_name}-${var.site_name}"
  tags = merge(var.tags, {
    "meshfed.dev/managed-by" = "meshfed"
    "meshfed.dev/mesh"       = var.mesh_name
    "meshfed.dev/site"       = var.site_name
  })
  ecs = var.platform == "ecs"
  eks = var.platform == "eks"

  # The gateway's runtime contract (docs/data-path.md): where it finds the manifest and its trust files, and
  # every listener given explicitly. The admin listener binds to 127.0.0.1 unless told otherwise (security
  # review E19); here the NLB health checks (ECS) and the kubelet's probes (EKS) come from the network.
  # XFCC is trusted only from the hops the manifest implies (the Istio sidecar's inbound source on EKS with
  # Istio); on ECS and App Mesh nothing sanitises it, so the list is empty and the gateway strips the header.
  manifest_dir = "/etc/meshfed/manifest"
  trust_dir    = "/etc/meshfed/trust"
  gateway_args = concat(
    [
      "gateway", local.manifest_dir, "--site", var.site_name, "--trust-dir", local.trust_dir,
      "--local-listen", "0.0.0.0:${var.gateway.local_port}",
      "--admin-listen", "0.0.0.0:${var.gateway.admin_port}",
    ],
    length(var.gateway.trust_xfcc_from) > 0 ? ["--trust-xfcc-from", join(",", var.gateway.trust_xfcc_from)] : [],
    # Lattice sites: x-amzn-lattice-identity is believed only from the addresses Lattice connects from, the region's
    # managed prefix list ("Control traffic in VPC Lattice using security groups", Managed prefix list:
    # https://docs.aws.amazon.com/vpc-lattice/latest/ug/security-groups.html; lattice.tf).
    local.lattice ? ["--trust-lattice-from", join(",", data.aws_ec2_managed_prefix_list.lattice[0].entries[*].cidr)] : [],
  )
  admitted = distinct(concat(var.peer_cidrs, var.extra_peer_cidrs))
  # A vpc-lattice site moving from App Mesh keeps its virtual gateway and that gateway's Envoy until the migration is
  # finished (the rendered inputs give app_mesh only then): Lattice hands App Mesh's share to it (docs/migration.md).
  app_mesh = var.app_mesh != null && contains(["appmesh", "vpc-lattice"], var.mesh_kind)
  # Both platforms name their NLB alike (the EKS one through the load balancer controller's annotation).
  load_balancer_name = substr("mf-${var.mesh_name}-${var.site_name}", 0, 32)
  # Whatever admits the peers (the NLB's security group, the EKS Service) refuses to plan without all of them.
  peers_complete   = length(var.unresolved_peers) == 0 || length(var.extra_peer_cidrs) > 0
  peers_incomplete = "Peers ${join(", ", var.unresolved_peers)} have DNS names as gateway addresses: give their CIDRs in extra_peer_cidrs."

  cloudwatch = contains(var.telemetry.metrics, "cloudwatch")
  xray       = contains(var.telemetry.traces, "xray")
}

data "aws_secretsmanager_secret" "trust" {
  for_each = {
    bundle      = var.trust_secrets.bundle
    certificate = var.trust_secrets.certificate
    private_key = var.trust_secrets.private_key
  }
  name = each.value
}

# --- App Mesh: the mesh and the virtual gateway requests from other sites enter by ----------------------
# Tagged like `meshfed apply` tags what it owns, so apply recognises them as its own and keeps their spec in
# line with the manifest; Terraform owns their existence and ignores spec changes made by apply. The virtual
# gateway's Envoy (container meshfed-ingress) runs beside the gateway on either platform, in the same task or
# pod, so the gateway delivers hop 3 to it on 127.0.0.1:<ingress_port> and nothing else needs to reach it.

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

# --- IAM: the gateway's role exports telemetry, reads the three trust secrets (ECS: the refresh sidecar; EKS: the
# CSI driver's AWS provider, as the pod) and lets the virtual gateway's Envoy fetch its configuration. ECS tasks
# assume it, or (EKS) the gateway's service account through IRSA. It manages no App Mesh resource: the gateway
# calls no App Mesh API (`meshfed apply` does, with the operator's credentials), so a compromised gateway
# cannot change or delete the mesh (fidelity review row 19).

data "aws_iam_policy_document" "assume_ecs_tasks" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "task" {
  name               = "${local.name}-task"
  assume_role_policy = local.eks ? data.aws_iam_policy_document.assume_service_account[0].json : data.aws_iam_policy_document.assume_ecs_tasks.json
  # Lattice sites: the principal tag the auth policies of the site's services admit the gateway by (aws:PrincipalTag,
  # "Principal tags", https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html).
  tags = local.lattice ? merge(local.tags, var.lattice.gateway_principal_tags) : local.tags
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
  # Envoy's xDS stream for the virtual gateway, on that resource only (App Mesh user guide, "Proxy
  # authorization": Envoy needs appmesh:StreamAggregatedResources; the AWS CDK's VirtualGateway
  # grantStreamAggregatedResources grants it on the virtual gateway's ARN alone).
  dynamic "statement" {
    for_each = local.app_mesh ? [1] : []
    content {
      sid       = "EnvoyConfiguration"
      actions   = ["appmesh:StreamAggregatedResources"]
      resources = [aws_appmesh_virtual_gateway.ingress[0].arn]
    }
  }
  # Lattice sites: deliveries into the mesh's Lattice services, signed as this role (SigV4, vpc-lattice-svcs). Invoke
  # takes the service ARN (service/<id>/<path>) and aws:ResourceTag ("Actions, resources, and condition keys for
  # Amazon VPC Lattice Services", https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonvpclatticeservices.html):
  # the services `meshfed apply` created for this mesh, in this account and region, and no other.
  dynamic "statement" {
    for_each = local.lattice ? [1] : []
    content {
      sid       = "LatticeInvokeMeshServices"
      actions   = ["vpc-lattice-svcs:Invoke"]
      resources = ["arn:${data.aws_partition.current.partition}:vpc-lattice:${var.region}:${data.aws_caller_identity.current.account_id}:service/*"]
      condition {
        test     = "StringEquals"
        variable = "aws:ResourceTag/meshfed.dev/mesh"
        values   = [var.mesh_name]
      }
    }
  }
  statement {
    sid       = "TrustSecrets"
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = [for s in data.aws_secretsmanager_secret.trust : s.arn]
  }
  # App Mesh sites on ECS: the trust-refresh sidecar also re-reads the virtual gateway's mesh certificate
  # secrets (ecs.tf), on those three secrets only.
  dynamic "statement" {
    for_each = local.app_mesh_tls ? [1] : []
    content {
      sid       = "AppMeshIngressTlsSecrets"
      actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
      resources = [for s in data.aws_secretsmanager_secret.app_mesh_ingress_tls : s.arn]
    }
  }
}

resource "aws_iam_role_policy" "task" {
  name   = "meshfed-gateway"
  role   = aws_iam_role.task.id
  policy = data.aws_iam_policy_document.task.json
}
