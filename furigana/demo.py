"""Demo corrected readings: the place names SudachiPy reads wrong in a demo hub's pages (野庭 is のば in 港南区)."""

from home.hubs import hub_for_page

READINGS = {"konan": [("野庭", "のば")]}


def load(home, stdout):
    from furigana.models import Reading

    hub = hub_for_page(home)
    for text, reading in READINGS.get(hub.slug, []):
        Reading.objects.update_or_create(hub=hub, text=text, defaults={"reading": reading})
    stdout.write(f"  {len(READINGS.get(hub.slug, []))} corrected readings for furigana.")
