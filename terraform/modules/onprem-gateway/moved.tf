# The host's files gained `count` when platform = "kubernetes" arrived: these keep existing ones in place.

moved {
  from = local_file.unit
  to   = local_file.unit[0]
}

moved {
  from = local_file.firewall
  to   = local_file.firewall[0]
}
