"""Turn parsed data into a draft EvaluationPage below an evaluations index (never published)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from goals.eras import fiscal_year_label
from goals.importer.parser import HEADING, IMPLEMENTERS, PERIOD, PURPOSE, ImportError_
from goals.models import EvaluatedGoal, EvaluationPage, NextYearGoal
from home.hubs import hub_for_page


def year_labels(parsed):
    """The two years as the document writes them (平成31年度), else as we show them (令和元年度)."""
    return (
        parsed.year_label or fiscal_year_label(parsed.fiscal_year),
        parsed.next_year_label or fiscal_year_label(parsed.fiscal_year + 1),
    )


def page_fields(parsed, hub=None):
    """The page's fields; a document without a ward or without 事業の実施者 takes them from its hub."""
    year, next_year = year_labels(parsed)
    operators = parsed.operators or ([hub.operator] if hub and IMPLEMENTERS in parsed.missing else [])
    return {
        "title": _("%(year)s priority goals: results, and %(next)s priority goals") % {"year": year, "next": next_year},
        "slug": str(parsed.fiscal_year),
        "year_label": parsed.year_label,
        "next_year_label": parsed.next_year_label,
        "ward": parsed.ward or (hub.ward if hub else ""),
        "operators": "\n".join(filter(None, operators)),
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


def check_year_is_free(parsed, evaluation_index):
    if EvaluationPage.objects.child_of(evaluation_index).filter(fiscal_year=parsed.fiscal_year).exists():
        raise ImportError_(
            _("this hub already has an evaluation for %(year)s") % {"year": year_labels(parsed)[0]},
            PERIOD,
            parsed.lines.get(PERIOD, 1),
        )


def warnings(parsed, evaluation_index):
    """What the staff should know before confirming: lines left out, missing sections, another ward or year."""
    hub = hub_for_page(evaluation_index)
    found = []
    if parsed.skipped:
        found.append(
            _("%(count)s lines that are not part of the document were left out (listed below).")
            % {"count": len(parsed.skipped)}
        )
    if parsed.missing:
        found.append(
            _("Missing: %(sections)s. The document is imported as a draft to be completed in the editor.")
            % {"sections": "、".join(parsed.missing)}
        )
    if hub and parsed.ward and hub.ward and parsed.ward != hub.ward:
        found.append(
            _("The document is for %(ward)s, but this hub is in %(hub_ward)s.")
            % {"ward": parsed.ward, "hub_ward": hub.ward}
        )
    if hub and not parsed.ward:
        found.append(_("The document names no ward: the hub's ward (%(ward)s) is used.") % {"ward": hub.ward})
    if hub and IMPLEMENTERS in parsed.missing:
        found.append(
            _("The document names no operator: the hub's (%(operator)s) is used.") % {"operator": hub.operator}
        )
    latest = EvaluationPage.objects.child_of(evaluation_index).order_by("-fiscal_year").first()
    if latest and parsed.fiscal_year > latest.fiscal_year + 1:
        found.append(
            _("This hub's latest evaluation is for %(latest)s: the years between are missing.")
            % {"latest": latest.fiscal_year_label}
        )
    if parsed.fiscal_year > date.today().year:
        found.append(_("The fiscal year %(year)s has not started yet.") % {"year": year_labels(parsed)[0]})
    return found


@transaction.atomic
def build(parsed, evaluation_index, user=None):
    """Create the document as a draft (live=False) with one revision. All or nothing."""
    check_year_is_free(parsed, evaluation_index)
    page = EvaluationPage(live=False, owner=user, **page_fields(parsed, hub_for_page(evaluation_index)))
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
