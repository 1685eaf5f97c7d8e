"""Programme plans for templates. Reads prefetched rows only: never a query."""

from django import template

from admissions import plans
from admissions.models.structure import credits_text

register = template.Library()


@register.filter
def current_plans(programme):
    """``[OptionPlans]``: the newest published plan of each study option, and older ones."""
    return plans.current_plans(programme)


@register.filter
def credits(value):
    """ECTS credits as a reader writes them: "7,5" in nb, "7.5" in en, "30" for whole ones."""
    return credits_text(value)
