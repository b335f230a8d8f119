"""Demo programs for load_demo: each hub's (invented) programs from its data set (``programs(sessions)`` in
``home.demo_data.<hub slug>``), with sessions from this week on.

A program may name its venue by the title of a place in the hub's directory (``"venue": "…"``): the directory's
demo loads first, and the program's area is the venue's. Idempotent: a program whose slug already exists is left alone.
"""

from datetime import date, timedelta

from home.demo import demo_data
from home.factories import ProgramPageFactory
from home.hub_setup import child_by_slug
from home.models import ProgramSession
from resources_directory.models import DirectoryPage, ListingPage


class Sessions:
    """Session fields relative to ``today``: weekly or monthly for half a year, or once in some days."""

    def __init__(self, today):
        self.today = today

    def session(self, frequency, start, end, **fields):
        return {"frequency": frequency, "date": self.today, "start_time": start, "end_time": end, **fields}

    def weekly(self, weekday, start, end, **extra):
        until = self.today + timedelta(days=180)
        return self.session("weekly", start, end, weekday=weekday, until=until, **extra)

    def monthly(self, weekday, nth, start, end, **extra):
        return {**self.weekly(weekday, start, end, week_of_month=nth, **extra), "frequency": "monthly"}

    def once(self, days, start, end, **extra):
        return self.session("once", start, end, date=self.today + timedelta(days=days), **extra)


def programs(home, today):
    """(page fields, [session fields]) of the hub's demo programs ([] when the hub has no data set)."""
    data = demo_data("home", home)
    return data.programs(Sessions(today)) if data is not None else []


def venues(home):
    """The hub's directory places by title, for programs that name their venue."""
    directory = DirectoryPage.objects.child_of(home).first()
    if directory is None:
        return {}
    return {listing.title: listing for listing in ListingPage.objects.child_of(directory)}


def load(home, stdout, today=None):
    index = child_by_slug(home, "programs")
    if index is None:
        return
    demo_programs = programs(home, today or date.today())
    places = venues(home) if any("venue" in fields for fields, _sessions in demo_programs) else {}
    created = 0
    for fields, sessions in demo_programs:
        if child_by_slug(index, fields["slug"]) is not None:
            continue
        if "venue" in fields:
            venue = places[fields["venue"]]
            fields = {"area_name": venue.area.name if venue.area else "", **fields, "venue": venue}
        page = ProgramPageFactory(parent=index, **fields)
        for order, session in enumerate(sessions):
            ProgramSession.objects.create(page=page, sort_order=order, **session)
        page.save_revision().publish()
        created += 1
    stdout.write(f"Programs of {home.title}: {created} created, {len(demo_programs) - created} already there")
