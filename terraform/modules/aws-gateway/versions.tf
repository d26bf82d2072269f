terraform {
  # Optional object attributes with defaults and cross-variable validation need Terraform 1.9.
  required_version = ">= 1.9.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.0, < 7.0"
    }
    # platform = "eks" only; on ECS the provider is required but makes no calls.
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = ">= 2.30, < 3.0"
    }
  }
}
