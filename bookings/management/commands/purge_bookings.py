from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from bookings.housekeeping import purge


class Command(BaseCommand):
    help = "Delete the bookings of dates more than BOOKING_RETENTION_DAYS (default 30) days ago. Run it daily."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="Keep this many days instead of BOOKING_RETENTION_DAYS")

    def handle(self, *args, **options):
        if options["days"] is not None and options["days"] < 0:
            raise CommandError(_("--days must be 0 or more."))
        deleted, first_kept = purge(options["days"])
        self.stdout.write(
            _("Deleted %(count)s bookings of dates before %(date)s.") % {"count": deleted, "date": first_kept}
        )
