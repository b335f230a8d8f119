"""Program agenda, month calendar and iCal feeds (server-rendered, no JavaScript needed)."""

import calendar as calendar_module
from datetime import timedelta
from itertools import groupby

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Site

from home.agenda import program_occurrences, today, upcoming_occurrences
from home.filters import AgendaFilter
from home.hub_scope import HUB_PARAMETER, scope_for_path
from home.ical import build_calendar
from home.schedule import Weekday

FEED_DAYS_BEFORE = 30
FEED_DAYS_AFTER = 365
FEED_PARAMS = ("hub", "stage", "weekday", "business_area", "area", "booking", "month", "date_from", "date_to", "period")


def _query(params, **changes):
    query = params.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value is not None:
            query[key] = value
    return query.urlencode()


def _filtered(filterset, first, last):
    occurrences = upcoming_occurrences(first, last, **filterset.agenda_kwargs())
    weekdays = filterset.weekdays
    if weekdays:
        occurrences = [occurrence for occurrence in occurrences if occurrence.start.weekday() in weekdays]
    return occurrences


def _month_grid(first, occurrences):
    by_day = {day: list(items) for day, items in groupby(occurrences, key=lambda occurrence: occurrence.day)}
    weeks = calendar_module.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    return [[(day, day.month == first.month, by_day.get(day, [])) for day in week] for week in weeks]


def _agenda_filter(request, index):
    """The filter set of a program index's agenda or feed; its hub scope's current hub is the index's hub."""
    scope = scope_for_path(index.path)
    scope.remember_for_request(request, Site.find_for_request(request))
    data = request.GET
    if HUB_PARAMETER not in data and scope.current is not None:
        data = data.copy()  # the form shows the current hub ticked; links keep the short query
        data.setlist(HUB_PARAMETER, [scope.current.slug])
    return AgendaFilter(data, scope=scope)


def program_index(request, page):
    filterset = _agenda_filter(request, page)
    calendar_view = request.GET.get("view") == "calendar"
    context = page.get_context(request)
    context.update(filterset=filterset, scope=filterset.scope, calendar_view=calendar_view, today=today())
    if not filterset.is_valid():
        form = filterset.form
        context["errors"] = [
            (form.fields[name].label if name in form.fields else "", message)
            for name, messages in form.errors.items()
            for message in messages
        ]
        return TemplateResponse(request, page.get_template(request), context, status=400)
    first, last = filterset.agenda_window(calendar=calendar_view)
    occurrences = _filtered(filterset, first, last)
    params = request.GET.copy()
    previous_month = (first.replace(day=1) - timedelta(days=1)).replace(day=1)
    next_month = (first.replace(day=1) + timedelta(days=32)).replace(day=1)
    feed_params = params.copy()
    for key in list(feed_params):
        if key not in FEED_PARAMS:
            feed_params.pop(key)
    context.update(
        first=first,
        last=last,
        occurrences=occurrences,
        days=[(day, list(items)) for day, items in groupby(occurrences, key=lambda occurrence: occurrence.day)],
        weekday_names=[label for _value, label in Weekday.choices],
        list_query=_query(params, view=None),
        week_query=_query(params, view=None, period="week", month=None, date_from=None, date_to=None),
        month_query=_query(params, period="month", month=f"{today():%Y-%m}", date_from=None, date_to=None),
        calendar_query=_query(params, view="calendar", period=None, date_from=None, date_to=None),
        previous_query=_query(params, month=f"{previous_month:%Y-%m}", period="month", date_from=None, date_to=None),
        next_query=_query(params, month=f"{next_month:%Y-%m}", period="month", date_from=None, date_to=None),
        feed_query=feed_params.urlencode(),
        scope_title=_scope_title(filterset.scope),
    )
    if calendar_view:
        context["weeks"] = _month_grid(first, occurrences)
    return TemplateResponse(request, page.get_template(request), context)


def _ical_response(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=900"
    return response


def _program_index_for(request):
    from home.models import ProgramIndexPage

    site = Site.find_for_request(request)
    pages = ProgramIndexPage.objects.live().public()
    if site:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    index = pages.first()
    if index is None:
        raise Http404
    return index


def program_feed(request, slug):
    from home.models import ProgramPage

    index = _program_index_for(request)
    page = get_object_or_404(ProgramPage.objects.live().public().child_of(index), slug=slug)
    start = today()
    occurrences = program_occurrences(
        page, start - timedelta(days=FEED_DAYS_BEFORE), start + timedelta(days=FEED_DAYS_AFTER)
    )
    return _ical_response(build_calendar(occurrences, page.title, request, page.summary), f"{slug}.ics")


def _scope_title(scope):
    """ "Programs of …" when the agenda shows more than its own hub, else ""."""
    if not scope.across:
        return ""
    if scope.is_all:
        return _("Programs of all hubs")
    return _("Programs of %(hubs)s") % {"hubs": "・".join(hub.hub_name for hub in scope.selected)}


def agenda_feed(request):
    index = _program_index_for(request)
    filterset = _agenda_filter(request, index)
    if not filterset.is_valid():
        lines = [_("Bad filter values:")]
        for field, errors in filterset.form.errors.items():
            lines += [f"{field}: {error}" for error in errors]
        return HttpResponse("\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8")
    data = filterset.cleaned
    if data.get("month") or data.get("date_from") or data.get("period") in ("week", "month"):
        first, last = filterset.agenda_window()
    else:
        start = today()
        first, last = start - timedelta(days=FEED_DAYS_BEFORE), start + timedelta(days=FEED_DAYS_AFTER)
    occurrences = _filtered(filterset, first, last)
    name = _scope_title(filterset.scope) or index.title
    return _ical_response(build_calendar(occurrences, name, request, index.intro), "programs.ics")
