from django.core.management.base import BaseCommand, CommandError

from home.hub_setup import HubError, create_hub
from home.permissions import STAFF_ROLES


class Command(BaseCommand):
    help = (
        "Create a hub: a site with its home page and sections (programs, directory, evaluations, about), its "
        "staff groups, its image and document collection and its approval workflows. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="The hub's name, e.g. 港南区地域子育て支援拠点 はっち")
        parser.add_argument("--ward", required=True, help="The ward it serves, e.g. 港南区")
        parser.add_argument("--hostname", required=True, help="Host name the hub's site answers to")
        parser.add_argument("--port", type=int, default=80)
        parser.add_argument(
            "--slug", help="Short latin key used in URLs and filters (default: first label of the hostname)"
        )
        parser.add_argument("--operator", default="", help="The NPO or company that runs the hub")
        parser.add_argument("--default", action="store_true", help="Make it the site served for unknown hosts")

    def handle(self, *args, **options):
        try:
            hub = create_hub(
                name=options["name"],
                ward=options["ward"],
                hostname=options["hostname"],
                port=options["port"],
                slug=options["slug"],
                operator=options["operator"],
                default=options["default"],
            )
        except HubError as error:
            raise CommandError(str(error)) from error
        groups = ", ".join(hub.group(role).name for role in STAFF_ROLES)
        self.stdout.write(
            self.style.SUCCESS(
                f"Hub {hub} ({hub.slug}) at http://{hub.site.hostname}:{hub.site.port}/ — home page "
                f"{hub.site.root_page_id}; staff groups: {groups}; collection: {hub.collection.name}"
            )
        )
