from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from bookings.housekeeping import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail a reminder to every family with a confirmed place tomorrow (Asia/Tokyo) who gave an e-mail "
        "address. Each family gets it once, however often this runs; run it daily."
    )

    def handle(self, *args, **options):
        self.stdout.write(_("Sent %(count)s reminders.") % {"count": send_reminders()})
