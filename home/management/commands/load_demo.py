from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo import DEV_PORT, build_hubs, dev_url
from home.hubs import hub_for_page

# Each app adds a hub's demo content through a ``load(home, stdout)`` function in its demo module, which reads
# that hub's data set. Order matters: programs refer to directory listings, the goal timeline to imported documents.
DEMO_MODULES = [
    "resources_directory.demo",
    "home.program_demo",
    "bookings.demo",
    "goals.demo",
    "furigana.demo",
    "languages.demo",  # last: translates what the others made
]


class Command(BaseCommand):
    help = (
        "Load the demo hubs (港南区 and the invented つばさ区): page trees, places, programs and evaluations. "
        "Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=DEV_PORT, help="Port the development server serves the hubs on")

    def handle(self, *args, **options):
        with transaction.atomic():
            homes = build_hubs(options["port"])
            for module_name in DEMO_MODULES:
                try:
                    module = import_module(module_name)
                except ModuleNotFoundError as error:
                    if error.name != module_name:
                        raise
                    continue
                for home in homes:
                    module.load(home, self.stdout)
        for hub in map(hub_for_page, homes):
            self.stdout.write(self.style.SUCCESS(f"Demo hub ready: {hub} at {dev_url(hub)}"))
