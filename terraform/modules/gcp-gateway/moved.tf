# The GKE resources gained `count` when platform = "mig" arrived: these keep an existing GKE gateway in place
# instead of replacing it on the first plan after the upgrade.

moved {
  from = google_service_account_iam_member.workload_identity
  to   = google_service_account_iam_member.workload_identity[0]
}

moved {
  from = kubernetes_namespace_v1.gateway
  to   = kubernetes_namespace_v1.gateway[0]
}

moved {
  from = kubernetes_service_account_v1.gateway
  to   = kubernetes_service_account_v1.gateway[0]
}

moved {
  from = kubernetes_config_map_v1.manifest
  to   = kubernetes_config_map_v1.manifest[0]
}

moved {
  from = kubernetes_manifest.trust
  to   = kubernetes_manifest.trust[0]
}

moved {
  from = kubernetes_deployment_v1.gateway
  to   = kubernetes_deployment_v1.gateway[0]
}

moved {
  from = kubernetes_service_v1.local
  to   = kubernetes_service_v1.local[0]
}

moved {
  from = kubernetes_service_v1.peer
  to   = kubernetes_service_v1.peer[0]
}
