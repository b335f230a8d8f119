from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo import build_site

# Each app adds its demo content through a ``load(home, stdout)`` function in its demo module.
# Order matters: programs refer to directory listings, the goal timeline to imported documents.
DEMO_MODULES = ["resources_directory.demo", "home.program_demo", "goals.demo"]


class Command(BaseCommand):
    help = "Load the demo hub: page tree, places, programs and evaluations. Safe to run again."

    def handle(self, *args, **options):
        with transaction.atomic():
            home = build_site()
            for module_name in DEMO_MODULES:
                try:
                    module = import_module(module_name)
                except ModuleNotFoundError as error:
                    if error.name != module_name:
                        raise
                    continue
                module.load(home, self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo site ready: {home.title} (page {home.pk})"))
