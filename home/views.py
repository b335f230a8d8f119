"""Program agenda, month calendar and iCal feeds (server-rendered, no JavaScript needed)."""

import calendar as calendar_module
from dataclasses import dataclass
from datetime import timedelta
from itertools import groupby

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Site

from home.agenda import attach_pages, find_occurrences, program_occurrences, today
from home.filters import AgendaFilter
from home.hub_scope import HUB_PARAMETER, scope_for_path
from home.ical import build_calendar
from home.paging import PageNumbers
from home.schedule import Weekday

FEED_DAYS_BEFORE = 30
FEED_DAYS_AFTER = 365
# A feed of several hubs: a shorter default window, and at most a quarter (every hub's year is ~20,000 events).
ACROSS_FEED_DAYS = (7, 60)  # before and after today
ACROSS_FEED_MAX_DAYS = 92
# The list shows this many occurrences a page; a calendar day this many (then a link to that day's list).
AGENDA_PAGE_SIZE = 100
CELL_LIMIT = 4
FEED_PARAMS = ("hub", "stage", "weekday", "business_area", "area", "booking", "month", "date_from", "date_to", "period")


def _query(params, **changes):
    query = params.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value is not None:
            query[key] = value
    return query.urlencode()


def _filtered(filterset, first, last):
    """Every matching occurrence in order, without pages yet (see home.agenda.find_occurrences)."""
    return find_occurrences(first, last, weekdays=filterset.weekdays, **filterset.agenda_kwargs())


@dataclass
class AgendaPage(PageNumbers):
    count: int
    page: int
    per_page: int


def _month_grid(first, occurrences, params):
    """Weeks of (day, in the month, first CELL_LIMIT occurrences, how many more, that day's list query)."""
    by_day = {day: list(items) for day, items in groupby(occurrences, key=lambda occurrence: occurrence.day)}
    attach_pages([occurrence for items in by_day.values() for occurrence in items[:CELL_LIMIT]])
    weeks = calendar_module.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    grid = []
    for week in weeks:
        row = []
        for day in week:
            items = by_day.get(day, [])
            more = max(0, len(items) - CELL_LIMIT)
            day_query = _query(
                params, view=None, period=None, month=None, page=None, date_from=f"{day}", date_to=f"{day}"
            )
            row.append((day, day.month == first.month, items[:CELL_LIMIT], more, day_query if more else ""))
        grid.append(row)
    return grid


def _errors(form):
    return [
        (form.fields[name].label if name in form.fields else "", message)
        for name, messages in form.errors.items()
        for message in messages
    ]


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
        context["errors"] = _errors(filterset.form)
        return TemplateResponse(request, page.get_template(request), context, status=400)
    first, last = filterset.agenda_window(calendar=calendar_view)
    occurrences = _filtered(filterset, first, last)
    paging = AgendaPage(len(occurrences), filterset.cleaned.get("page") or 1, AGENDA_PAGE_SIZE)
    if paging.page > paging.num_pages:
        filterset.form.add_error("page", _("There are only %(count)d result pages.") % {"count": paging.num_pages})
        context["errors"] = _errors(filterset.form)
        return TemplateResponse(request, page.get_template(request), context, status=400)
    params = request.GET.copy()
    previous_month = (first.replace(day=1) - timedelta(days=1)).replace(day=1)
    next_month = (first.replace(day=1) + timedelta(days=32)).replace(day=1)
    feed_params = params.copy()
    for key in list(feed_params):
        if key not in FEED_PARAMS:
            feed_params.pop(key)
    shown = (
        [] if calendar_view else attach_pages(occurrences[(paging.page - 1) * AGENDA_PAGE_SIZE :][:AGENDA_PAGE_SIZE])
    )
    context.update(
        first=first,
        last=last,
        occurrences=shown,
        paging=paging,
        page_queries=(_query(params, page=f"{paging.page - 1}"), _query(params, page=f"{paging.page + 1}")),
        days=[(day, list(items)) for day, items in groupby(shown, key=lambda occurrence: occurrence.day)],
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
        context["weeks"] = _month_grid(first, occurrences, params)
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
    """The title "Programs of …" when the agenda shows more than its own hub, else ""."""
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
    across = filterset.scope.across
    if data.get("month") or data.get("date_from") or data.get("period") in ("week", "month"):
        first, last = filterset.agenda_window()
    else:
        start = today()
        before, after = ACROSS_FEED_DAYS if across else (FEED_DAYS_BEFORE, FEED_DAYS_AFTER)
        first, last = start - timedelta(days=before), start + timedelta(days=after)
    if across and (last - first).days + 1 > ACROSS_FEED_MAX_DAYS:
        message = _("A feed of several hubs covers at most %(days)d days.") % {"days": ACROSS_FEED_MAX_DAYS}
        return HttpResponse(f"date_to: {message}\n", status=400, content_type="text/plain; charset=utf-8")
    occurrences = attach_pages(_filtered(filterset, first, last))
    name = _scope_title(filterset.scope) or index.title
    return _ical_response(build_calendar(occurrences, name, request, index.intro), "programs.ics")
