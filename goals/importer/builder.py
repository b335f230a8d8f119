"""Turn parsed data into a draft EvaluationPage below an evaluations index (never published)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from goals.eras import fiscal_year_label
from goals.importer.parser import HEADING, IMPLEMENTERS, PERIOD, PURPOSE, ImportError_
from goals.models import EvaluatedGoal, EvaluationPage, NextYearGoal


def page_fields(parsed):
    return {
        "title": _("%(year)s priority goals: results, and %(next)s priority goals")
        % {"year": fiscal_year_label(parsed.fiscal_year), "next": fiscal_year_label(parsed.fiscal_year + 1)},
        "slug": str(parsed.fiscal_year),
        "ward": parsed.ward,
        "operators": "\n".join(parsed.operators),
        "ward_division": parsed.ward_division,
        "fiscal_year": parsed.fiscal_year,
        "period_start": parsed.period_start,
        "period_end": parsed.period_end,
        "contract_year": parsed.contract_year,
        "contract_length": parsed.contract_length,
        "purpose": parsed.purpose,
        "principles": "\n".join(parsed.principles),
        "business_areas": "\n".join(parsed.business_areas),
        "evaluation_method": "\n".join(parsed.evaluation_method),
    }


FIELD_SECTIONS = {
    "operators": IMPLEMENTERS,
    "ward_division": IMPLEMENTERS,
    "fiscal_year": PERIOD,
    "period_start": PERIOD,
    "period_end": PERIOD,
    "contract_year": PERIOD,
    "contract_length": PERIOD,
    "purpose": PURPOSE,
}


def as_import_error(error, parsed):
    """A model validation error as an ImportError_ naming the section (and its line) the field comes from."""
    field_name, messages = (
        next(iter(error.message_dict.items())) if hasattr(error, "error_dict") else ("", error.messages)
    )
    section = FIELD_SECTIONS.get(field_name, HEADING)
    label = f"{field_name}: " if field_name and field_name != "__all__" else ""
    return ImportError_(label + " ".join(messages), section, parsed.lines.get(section, 1))


@transaction.atomic
def build(parsed, evaluation_index, user=None):
    """Create the document as a draft (live=False) with one revision. All or nothing."""
    if EvaluationPage.objects.child_of(evaluation_index).filter(fiscal_year=parsed.fiscal_year).exists():
        raise ImportError_(
            _("this hub already has an evaluation for %(year)s") % {"year": fiscal_year_label(parsed.fiscal_year)},
            PERIOD,
            1,
        )
    page = EvaluationPage(live=False, owner=user, **page_fields(parsed))
    page.evaluated_goals = [
        EvaluatedGoal(
            text=goal.text,
            actions="\n".join(goal.actions),
            results="\n".join(goal.results),
            issues="\n".join(goal.issues),
            sort_order=index,
        )
        for index, goal in enumerate(parsed.evaluated_goals)
    ]
    page.next_goals = [
        NextYearGoal(text=goal.text, actions="\n".join(goal.actions), sort_order=index)
        for index, goal in enumerate(parsed.next_goals)
    ]
    try:
        with transaction.atomic():
            evaluation_index.add_child(instance=page)
            page.save_revision(user=user, log_action=True)
    except ValidationError as error:
        raise as_import_error(error, parsed) from error
    return page
