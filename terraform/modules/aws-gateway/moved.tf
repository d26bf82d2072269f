# The ECS resources gained `count` when platform = "eks" arrived: these keep an existing ECS gateway in place
# (same NLB, same DNS name) instead of replacing it on the first plan after the upgrade.

moved {
  from = aws_cloudwatch_log_group.gateway
  to   = aws_cloudwatch_log_group.gateway[0]
}

moved {
  from = aws_security_group.load_balancer
  to   = aws_security_group.load_balancer[0]
}

moved {
  from = aws_security_group.tasks
  to   = aws_security_group.tasks[0]
}

moved {
  from = aws_vpc_security_group_egress_rule.tasks_out
  to   = aws_vpc_security_group_egress_rule.tasks_out[0]
}

moved {
  from = aws_lb.peer
  to   = aws_lb.peer[0]
}

moved {
  from = aws_lb_target_group.peer
  to   = aws_lb_target_group.peer[0]
}

moved {
  from = aws_lb_listener.peer
  to   = aws_lb_listener.peer[0]
}

moved {
  from = aws_iam_role.execution
  to   = aws_iam_role.execution[0]
}

moved {
  from = aws_iam_role_policy.execution
  to   = aws_iam_role_policy.execution[0]
}

moved {
  from = aws_ecs_task_definition.gateway
  to   = aws_ecs_task_definition.gateway[0]
}

moved {
  from = aws_ecs_service.gateway
  to   = aws_ecs_service.gateway[0]
}
