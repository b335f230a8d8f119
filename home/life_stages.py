"""Life stages that programs and places target, and how a child's age in months maps onto them.

Shared by programs (home), the directory and the "生まれたら" journey, so every part of the site agrees on
what "0歳 前半" means.
"""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _


class LifeStage(models.TextChoices):
    PREGNANCY = "pregnancy", _("Pregnancy")
    AGE_0_EARLY = "age0_early", _("0 years (0–5 months)")
    AGE_0_LATE = "age0_late", _("0 years (6–11 months)")
    AGE_1 = "age1", _("1 year")
    AGE_2 = "age2", _("2 years")
    AGE_3_PLUS = "age3plus", _("3 years and over (preschool)")
    FATHERS = "fathers", _("Fathers")
    GRANDPARENTS = "grandparents", _("Grandparents")
    SUPPORTERS = "supporters", _("Supporters")


# Age ranges in whole months (inclusive) for the stages that are about the child's age.
AGE_STAGE_MONTHS = {
    LifeStage.AGE_0_EARLY: (0, 5),
    LifeStage.AGE_0_LATE: (6, 11),
    LifeStage.AGE_1: (12, 23),
    LifeStage.AGE_2: (24, 35),
    LifeStage.AGE_3_PLUS: (36, 83),
}


def life_stage_for_age(months):
    """The child-age stage for an age in months (negative = not born yet = pregnancy)."""
    if months < 0:
        return LifeStage.PREGNANCY
    for stage, (low, high) in AGE_STAGE_MONTHS.items():
        if low <= months <= high:
            return stage
    return None


def age_in_months(birth_date, on_date):
    """Whole months from birth_date to on_date; negative before the birth (a due date)."""
    months = (on_date.year - birth_date.year) * 12 + (on_date.month - birth_date.month)
    if on_date.day < birth_date.day:
        months -= 1
    if birth_date > on_date and months >= 0:
        months = -1
    return months


def today_age_in_months(birth_date):
    return age_in_months(birth_date, date.today())
