"""Demo places: each hub's invented places from its data set (``resources_directory.demo_data.<hub slug>``:
AREAS, PLACES, AREA_OF, ADDRESS_PREFIX, ORGANISATION, PHONE), over the shared categories.

Every place lies in an area: the one its name says (the area's name or one of its landmarks), else the one
AREA_OF gives, else the areas in turn; its coordinates are within about 700 m of that area's centre. Called by
``load_demo``; safe to run again (places are matched by slug) and fast (no revisions).
"""

import random
import secrets
from datetime import date, timedelta

from django.utils import timezone

from home.demo import demo_data
from home.hubs import hub_for_page
from resources_directory import freshness
from resources_directory.factories import AreaFactory, CategoryFactory, ListingPageFactory
from resources_directory.models import DirectoryPage, FreshnessReminder, ListingPage

CATEGORIES = [
    ("hub", "地域子育て支援拠点", "Family support centre"),
    ("tsudoi", "親と子のつどいの広場", "Drop-in playroom"),
    ("salon", "子育てサロン", "Parent and baby group"),
    ("circle", "子育てサークル", "Parent-run circle"),
    ("care-plaza", "地域ケアプラザ", "Community care centre"),
    ("nursery", "保育園の園庭開放・育児講座", "Nursery open day"),
    ("library", "図書館のおはなし会", "Library story time"),
    ("park", "公園", "Park"),
    ("jidokan", "児童館・こどもログハウス", "Children's centre"),
    ("clinic", "医療機関", "Clinic"),
    ("consultation", "相談窓口", "Advice service"),
]
# Largest offset from the area's centre, in degrees: ±0.004° ≈ ±440 m north–south, ±0.005° ≈ ±450 m east–west.
SPREAD = (0.004, 0.005)


def area_named_in(name, areas):
    """The area (an AREAS row) whose name or landmark the place's name contains (the longest match), or None."""
    found = [(len(word), area) for area in areas for word in (area[1], *area[5]) if word in name]
    return max(found, key=lambda match: match[0])[1] if found else None


def place_areas(data):
    """The AREAS row of each place of the data set, in order."""
    by_slug = {area[0]: area for area in data.AREAS}
    rows, unnamed = [], 0
    for place in data.PLACES:
        name = place[1]
        area = area_named_in(name, data.AREAS) or by_slug.get(data.AREA_OF.get(name))
        if area is None:
            area, unnamed = data.AREAS[unnamed % len(data.AREAS)], unnamed + 1
        rows.append(area)
    return rows


def load(home, stdout):
    data = demo_data("resources_directory", home)
    directory = DirectoryPage.objects.child_of(home).first()
    if directory is None or data is None:
        return
    hub = hub_for_page(home)
    categories = {
        slug: CategoryFactory(slug=slug, name=name, hsds_type=hsds, sort_order=i)
        for i, (slug, name, hsds) in enumerate(CATEGORIES)
    }
    areas = {
        slug: AreaFactory(slug=slug, name=name, latitude=lat, longitude=lng, sort_order=i, hub=hub)
        for i, (slug, name, lat, lng, _code, _landmarks) in enumerate(data.AREAS)
    }
    existing = set(ListingPage.objects.child_of(directory).values_list("slug", flat=True))
    created = 0
    places = zip(data.PLACES, place_areas(data), strict=True)
    for n, ((category, name, kana, low, high, hours, booking, fee, amenities), area) in enumerate(places):
        slug = f"place-{n + 1:03d}"
        if slug in existing:
            continue
        area_slug, area_name, lat, lng, postal_code, _landmarks = area
        rng = random.Random(f"{hub.slug}-{slug}")
        ListingPageFactory(
            parent=directory,
            slug=slug,
            title=name,
            kana=kana,
            min_age_months=low,
            max_age_months=high,
            summary=f"{area_name}にある{categories[category].name}です（架空の場所）。",
            area=areas[area_slug],
            address=f"{data.ADDRESS_PREFIX}{area_name}（架空の住所）",
            postal_code=postal_code,
            latitude=round(lat + rng.uniform(-SPREAD[0], SPREAD[0]), 6),
            longitude=round(lng + rng.uniform(-SPREAD[1], SPREAD[1]), 6),
            booking_required=booking,
            fee=fee,
            booking_info="電話で予約" if booking else "",
            organisation=data.ORGANISATION,
            phone=data.PHONE,
            languages="日本語",
            categories=[categories[category]],
            hours=hours,
            last_verified=date.today() - timedelta(days=30 * (n % 15)),
            **dict.fromkeys(amenities, True),
        )
        created += 1
    stdout.write(f"Directory of {home.title}: {created} places added ({len(existing) + created} in all).")
    freshness_demo(directory, hub.slug)
    load_today(directory, hub, data, stdout)


def freshness_demo(directory, key):
    """The freshness loop at work: the two oldest stale places name a group's (invented) address for updates, and
    the first one's group has answered its reminder with changes, a draft for the editors. Once per hub."""
    stale = list(freshness.stale_listings().child_of(directory).filter(last_verified__isnull=False)[:2])
    if not stale or FreshnessReminder.objects.filter(page__in=stale).exists():
        return
    for n, page in enumerate(stale, start=1):
        page.update_contact_email = f"group-{key}-{n}@example.invalid"
        ListingPage.objects.filter(pk=page.pk).update(update_contact_email=page.update_contact_email)
    reminder = FreshnessReminder.objects.create(
        page=stale[0], sent_at=timezone.now() - timedelta(days=3), nonce=secrets.token_hex(16)
    )
    freshness.propose_changes(
        reminder, {"fee": "1回100円（4月から）"}, note="4月から参加費が1回100円になります。（デモの回答）"
    )


def load_today(directory, hub, data, stdout):
    """A few statuses set today (on places open today, open now first), one place's closure in the coming weeks and,
    where the data set has one, a hub-wide closure. Safe to run again."""
    from resources_directory.models import Closure, HubClosure, LiveStatus
    from resources_directory.models.live import current_slot

    now = timezone.localtime()
    places = list(ListingPage.objects.child_of(directory).order_by("path").prefetch_related("opening_hours"))
    today = [p for p in places if any(h.matches(now.date()) for h in p.opening_hours.all())]
    today.sort(key=lambda place: current_slot(list(place.opening_hours.all()), [], now) is None)
    statuses = getattr(data, "LIVE_STATUSES", [])
    for place, (state, note) in zip(today, statuses, strict=False):
        LiveStatus.objects.update_or_create(listing=place, defaults={"state": state, "note": note, "set_at": now})
    if getattr(data, "CLOSURE", None) and places:
        ahead, length, note = data.CLOSURE
        start = now.date() + timedelta(days=ahead)
        Closure.objects.get_or_create(
            page=places[-1], note=note, defaults={"start_date": start, "end_date": start + timedelta(days=length - 1)}
        )
    if getattr(data, "HUB_CLOSURE", None):
        ahead, reason = data.HUB_CLOSURE
        day = now.date() + timedelta(days=ahead)
        HubClosure.objects.get_or_create(hub=hub, reason=reason, defaults={"start_date": day, "end_date": day})
    stdout.write(f"  {min(len(today), len(statuses))} live statuses set for today, closures in the coming weeks.")
