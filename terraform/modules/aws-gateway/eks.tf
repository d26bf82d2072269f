# platform = "eks": the gateway as a Deployment in an existing EKS cluster (the `kubernetes` provider must point
# at it). Its service account assumes the gateway's IAM role through IRSA; the Secrets Store CSI driver with
# its AWS provider mounts the three secrets as the trust files; a LoadBalancer Service, reconciled by the AWS
# Load Balancer Controller, puts an NLB in front of the peer port that admits only the other sites' CIDRs.
# Everything here exists only on that platform (count on local.eks).

locals {
  k8s_labels = {
    "app.kubernetes.io/managed-by" = "meshfed"
    "meshfed.dev/mesh"             = var.mesh_name
    "meshfed.dev/site"             = var.site_name
  }
  selector = { app = var.kubernetes.service_name }
  istio    = var.mesh_kind == "istio"
  # The SPIRE agent's socket folder on the node, mounted into the virtual gateway's Envoy (App Mesh sites).
  spire_socket_dir = dirname(var.spire_agent_socket)
  # The issuer without its scheme, as IAM names the OIDC provider's condition keys.
  oidc_issuer = local.eks ? trimprefix(data.aws_eks_cluster.this[0].identity[0].oidc[0].issuer, "https://") : null
  trust_files = {
    "bundle.pem"  = "bundle"
    "gateway.crt" = "certificate"
    "gateway.key" = "private_key"
  }
}

data "aws_eks_cluster" "this" {
  count = local.eks ? 1 : 0
  name  = var.eks_cluster_name
}

# IRSA needs the cluster's OIDC issuer registered in IAM (eksctl utils associate-iam-oidc-provider, or the
# aws_iam_openid_connect_provider of the cluster's own configuration); this lookup fails plainly when it is not.
data "aws_iam_openid_connect_provider" "eks" {
  count = local.eks ? 1 : 0
  url   = data.aws_eks_cluster.this[0].identity[0].oidc[0].issuer
}

# Only the gateway's service account, in its namespace, may assume the role.
data "aws_iam_policy_document" "assume_service_account" {
  count = local.eks ? 1 : 0
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [data.aws_iam_openid_connect_provider.eks[0].arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer}:sub"
      values   = ["system:serviceaccount:${var.kubernetes.namespace}:${var.kubernetes.service_account}"]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

# --- Kubernetes: namespace, service account, manifest, trust files, Deployment, Services -----------------

resource "kubernetes_namespace_v1" "gateway" {
  count = local.eks ? 1 : 0
  metadata {
    name = var.kubernetes.namespace
    # On Istio sites the gateway is a workload of the site's mesh, as on GKE; App Mesh gets its Envoy beside it.
    labels = merge(local.k8s_labels, var.mesh_kind == "istio" ? { "istio-injection" = "enabled" } : {})
  }
}

resource "kubernetes_service_account_v1" "gateway" {
  count = local.eks ? 1 : 0
  metadata {
    name        = var.kubernetes.service_account
    namespace   = kubernetes_namespace_v1.gateway[0].metadata[0].name
    labels      = local.k8s_labels
    annotations = { "eks.amazonaws.com/role-arn" = aws_iam_role.task.arn }
  }
}

resource "kubernetes_config_map_v1" "manifest" {
  count = local.eks ? 1 : 0
  metadata {
    name      = "meshfed-manifest"
    namespace = kubernetes_namespace_v1.gateway[0].metadata[0].name
    labels    = local.k8s_labels
  }
  data = var.manifest_files
}

# The AWS provider of the Secrets Store CSI driver (ASCP) fetches the secrets as the pod's IAM role and mounts
# them as files; they never pass through Terraform state. With the driver's rotation enabled, a new secret
# version replaces the file and the gateway picks it up (it watches its trust dir).
resource "kubernetes_manifest" "trust" {
  count = local.eks ? 1 : 0
  manifest = {
    apiVersion = "secrets-store.csi.x-k8s.io/v1"
    kind       = "SecretProviderClass"
    metadata = {
      name      = "meshfed-trust"
      namespace = kubernetes_namespace_v1.gateway[0].metadata[0].name
    }
    spec = {
      provider = "aws"
      parameters = {
        region = var.region
        objects = yamlencode([for file, key in local.trust_files : {
          objectName  = data.aws_secretsmanager_secret.trust[key].arn
          objectType  = "secretsmanager"
          objectAlias = file
        }])
      }
    }
  }
}

resource "kubernetes_deployment_v1" "gateway" {
  count = local.eks ? 1 : 0
  metadata {
    name      = var.kubernetes.service_name
    namespace = kubernetes_namespace_v1.gateway[0].metadata[0].name
    labels    = local.k8s_labels
  }
  spec {
    replicas = var.desired_count
    selector {
      match_labels = local.selector
    }
    template {
      metadata {
        labels = merge(local.k8s_labels, local.selector, { version = "v1" })
        # Istio sites: the sidecar stays off the peer port, where the gateway terminates the federation mTLS
        # itself ("traffic.sidecar.istio.io/excludeInboundPorts", Istio Resource Annotations); it still
        # terminates the mesh's mTLS on the local port, so the XFCC it sets there is authentic.
        annotations = local.istio ? { "traffic.sidecar.istio.io/excludeInboundPorts" = tostring(var.gateway.peer_port) } : {}
      }
      spec {
        service_account_name = kubernetes_service_account_v1.gateway[0].metadata[0].name
        security_context {
          run_as_non_root = true
          run_as_user     = 1654
          run_as_group    = 1654
          fs_group        = 1654
        }
        container {
          name = "gateway"
          # The image's entrypoint is `dotnet /app/meshfed.dll`; these are the gateway command's arguments.
          image = var.image
          args  = local.gateway_args
          port {
            name           = "tls-peer"
            container_port = var.gateway.peer_port
          }
          port {
            name           = "http2-local"
            container_port = var.gateway.local_port
          }
          port {
            name           = "http-admin"
            container_port = var.gateway.admin_port
          }
          env {
            name  = "AWS_REGION"
            value = var.region
          }
          env {
            name  = "MESHFED_SPIFFE_ID"
            value = var.spiffe_id
          }
          liveness_probe {
            http_get {
              path = "/healthz"
              port = var.gateway.admin_port
            }
            period_seconds = 10
          }
          readiness_probe {
            http_get {
              path = "/readyz"
              port = var.gateway.admin_port
            }
            period_seconds = 5
          }
          resources {
            requests = { cpu = var.resources.cpu, memory = var.resources.memory }
            limits   = { memory = var.resources.memory }
          }
          security_context {
            read_only_root_filesystem  = true
            allow_privilege_escalation = false
            capabilities {
              drop = ["ALL"]
            }
          }
          volume_mount {
            name       = "manifest"
            mount_path = local.manifest_dir
            read_only  = true
          }
          volume_mount {
            name       = "trust"
            mount_path = local.trust_dir
            read_only  = true
          }
          volume_mount {
            name       = "tmp"
            mount_path = "/tmp"
          }
        }
        # App Mesh sites: the virtual gateway's Envoy in the same pod, so the gateway delivers hop 3 to
        # 127.0.0.1:<ingress_port> (docs/data-path.md). It gets its certificate and trust bundle from the SPIRE
        # agent over SDS: App Mesh points Envoy at a local SDS socket through APPMESH_SDS_SOCKET_PATH (App Mesh
        # user guide, Mutual TLS Authentication, "Envoy's Secret Discovery Service"; the App Mesh controller's
        # injector sets the same variable with the socket folder mounted from the node, aws-app-mesh-controller-
        # for-k8s pkg/inject/envoy.go). SPIRE issues the SVID of the pod's service account, the name the
        # rendered virtual gateway asks for (output app_mesh_sds_spiffe_id).
        dynamic "container" {
          for_each = local.app_mesh ? [var.app_mesh] : []
          content {
            name  = container.value.virtual_gateway
            image = var.envoy_image
            port {
              name           = "http-ingress"
              container_port = container.value.ingress_port
            }
            env {
              name  = "APPMESH_RESOURCE_ARN"
              value = aws_appmesh_virtual_gateway.ingress[0].arn
            }
            env {
              name  = "AWS_REGION"
              value = var.region
            }
            env {
              name  = "APPMESH_SDS_SOCKET_PATH"
              value = var.spire_agent_socket
            }
            security_context {
              run_as_user                = 1337
              allow_privilege_escalation = false
              capabilities {
                drop = ["ALL"]
              }
            }
            volume_mount {
              name       = "spire-agent-socket"
              mount_path = local.spire_socket_dir
              read_only  = true
            }
          }
        }
        dynamic "volume" {
          for_each = local.app_mesh ? [local.spire_socket_dir] : []
          content {
            name = "spire-agent-socket"
            host_path {
              path = volume.value
              type = "Directory"
            }
          }
        }
        volume {
          name = "manifest"
          config_map {
            name = kubernetes_config_map_v1.manifest[0].metadata[0].name
          }
        }
        volume {
          name = "trust"
          csi {
            driver    = "secrets-store.csi.k8s.io"
            read_only = true
            volume_attributes = {
              secretProviderClass = kubernetes_manifest.trust[0].manifest.metadata.name
            }
          }
        }
        volume {
          name = "tmp"
          empty_dir {
            medium = "Memory"
          }
        }
      }
    }
  }
}

# The site's mesh reaches the local listener at meshfed-gateway.meshfed-system.svc.cluster.local.
resource "kubernetes_service_v1" "local" {
  count = local.eks ? 1 : 0
  metadata {
    name      = var.kubernetes.service_name
    namespace = kubernetes_namespace_v1.gateway[0].metadata[0].name
    labels    = local.k8s_labels
  }
  spec {
    type     = "ClusterIP"
    selector = local.selector
    # Istio picks each port's protocol from its name ("Protocol Selection", istio.io/latest/docs/ops/
    # configuration/traffic-management/protocol-selection/: <protocol>[-<suffix>]): http2 makes every caller's
    # sidecar speak HTTP/2 to the local listener (which takes prior-knowledge h2c), so gRPC keeps its trailers;
    # tls marks the peer port as TLS the sidecar does not terminate.
    port {
      name        = "http2-local"
      port        = var.gateway.local_port
      target_port = var.gateway.local_port
    }
    port {
      name        = "http-admin"
      port        = var.gateway.admin_port
      target_port = var.gateway.admin_port
    }
    port {
      name        = "tls-peer"
      port        = var.gateway.peer_port
      target_port = var.gateway.peer_port
    }
  }
}

# The peers reach the peer listener through an NLB the AWS Load Balancer Controller creates for this Service:
# TCP pass-through to the pods' IPs (the gateway terminates the federation mTLS itself), health checks on
# GET /readyz of the admin port, and a frontend security group the controller derives from
# loadBalancerSourceRanges, so only the other sites' gateways reach the peer port.
resource "kubernetes_service_v1" "peer" {
  count = local.eks ? 1 : 0
  metadata {
    name      = "${var.kubernetes.service_name}-peer"
    namespace = kubernetes_namespace_v1.gateway[0].metadata[0].name
    labels    = local.k8s_labels
    annotations = {
      "service.beta.kubernetes.io/aws-load-balancer-type"                            = "external"
      "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type"                 = "ip"
      "service.beta.kubernetes.io/aws-load-balancer-name"                            = local.load_balancer_name
      "service.beta.kubernetes.io/aws-load-balancer-scheme"                          = var.internal_load_balancer ? "internal" : "internet-facing"
      "service.beta.kubernetes.io/aws-load-balancer-subnets"                         = join(",", var.load_balancer_subnet_ids)
      "service.beta.kubernetes.io/aws-load-balancer-healthcheck-protocol"            = "http"
      "service.beta.kubernetes.io/aws-load-balancer-healthcheck-port"                = tostring(var.gateway.admin_port)
      "service.beta.kubernetes.io/aws-load-balancer-healthcheck-path"                = "/readyz"
      "service.beta.kubernetes.io/aws-load-balancer-healthcheck-healthy-threshold"   = "2"
      "service.beta.kubernetes.io/aws-load-balancer-healthcheck-unhealthy-threshold" = "2"
      "service.beta.kubernetes.io/aws-load-balancer-healthcheck-interval"            = "10"
      "service.beta.kubernetes.io/aws-load-balancer-attributes"                      = "load_balancing.cross_zone.enabled=true"
      "service.beta.kubernetes.io/aws-load-balancer-target-group-attributes"         = "deregistration_delay.timeout_seconds=30"
    }
  }
  spec {
    type                        = "LoadBalancer"
    load_balancer_source_ranges = local.admitted
    selector                    = local.selector
    port {
      name        = "tls-peer"
      port        = var.gateway.peer_port
      target_port = var.gateway.peer_port
    }
  }

  lifecycle {
    precondition {
      condition     = local.peers_complete
      error_message = local.peers_incomplete
    }
  }
}

# The NLB the controller created (the Service waits for its address), for its DNS name and hosted zone.
data "aws_lb" "eks" {
  count      = local.eks ? 1 : 0
  name       = local.load_balancer_name
  depends_on = [kubernetes_service_v1.peer]
}

# App Mesh sites: the virtual gateway's Envoy listens on the pod's address too, and whatever it receives enters
# the mesh as the virtual gateway, past the gateway's allow rules. Only the gateway (over the pod's loopback,
# which no NetworkPolicy filters) may reach it, so the pods admit connections on the peer, local and admin ports
# only ("Network Policies", Kubernetes docs: a pod selected by an ingress policy accepts only what a policy
# allows). Enforcing it needs a policy engine: the Amazon VPC CNI's network policy agent (enableNetworkPolicy,
# EKS user guide "Limit Pod traffic with Kubernetes network policies"), Calico or Cilium.
resource "kubernetes_network_policy_v1" "ingress_only_gateway_ports" {
  count = local.eks && local.app_mesh ? 1 : 0
  metadata {
    name      = "${var.kubernetes.service_name}-ingress"
    namespace = kubernetes_namespace_v1.gateway[0].metadata[0].name
    labels    = local.k8s_labels
  }
  spec {
    pod_selector {
      match_labels = local.selector
    }
    policy_types = ["Ingress"]
    ingress {
      dynamic "ports" {
        # While a Lattice site migrates from App Mesh, Lattice delivers App Mesh's share to the ingress port (lattice.tf).
        for_each = concat([var.gateway.peer_port, var.gateway.local_port, var.gateway.admin_port], local.lattice_migrating ? [var.app_mesh.ingress_port] : [])
        content {
          port     = tostring(ports.value)
          protocol = "TCP"
        }
      }
    }
  }
}
