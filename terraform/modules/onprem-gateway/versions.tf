terraform {
  # Cross-variable validation needs Terraform 1.9.
  required_version = ">= 1.9.0"

  required_providers {
    # platform = "vm": the host's files.
    local = {
      source  = "hashicorp/local"
      version = ">= 2.5, < 3.0"
    }
    # platform = "kubernetes" only; on vm the provider is required but makes no calls.
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = ">= 2.30, < 3.0"
    }
  }
}
