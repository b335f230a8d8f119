from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from bookings.housekeeping import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail a reminder to every family with a confirmed place tomorrow (Asia/Tokyo) who gave an e-mail "
        "address. Each family gets it once, however often this runs; run it daily. With the database task backend the "
        "reminders are queued here and sent by manage.py db_worker."
    )

    def handle(self, *args, **options):
        sent, failed, queued = send_reminders()
        self.stdout.write(
            _("Reminders: %(sent)s sent, %(failed)s failed, %(queued)s queued for the task worker.")
            % {"sent": sent, "failed": failed, "queued": queued}
        )
