from goals.models.evaluation import EvaluatedGoal, EvaluationPage, NextYearGoal
from goals.models.goal import Goal
from goals.models.index import EvaluationIndexPage
from goals.models.workflow import EvaluationApprovalTask

__all__ = ["EvaluatedGoal", "EvaluationApprovalTask", "EvaluationIndexPage", "EvaluationPage", "Goal", "NextYearGoal"]
