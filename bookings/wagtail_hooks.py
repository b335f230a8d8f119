"""The bookings admin (/admin/bookings/), its menu item, and its entries in a program page's history."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from bookings import admin_views

# name -> (route below /admin/bookings/, view)
ROUTES = {
    "index": ("", admin_views.index),
    "date": ("<str:key>/", admin_views.date_view),
    "export": ("<str:key>/export.csv", admin_views.export),
    "attendance": ("<str:key>/attendance/", admin_views.attendance),
    "add": ("<str:key>/add/", admin_views.add_booking),
    "cancel_date": ("<str:key>/cancel/", admin_views.cancel_date),
    "cancel_booking": ("<str:key>/bookings/<str:booking_id>/cancel/", admin_views.cancel_booking),
}
urlpatterns = [path(route, view, name=name) for name, (route, view) in ROUTES.items()]


@hooks.register("register_admin_urls")
def register_bookings_urls():
    return [path("bookings/", include((urlpatterns, "bookings_admin"), namespace="bookings_admin"))]


class BookingsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("bookings.view_booking")


@hooks.register("register_admin_menu_item")
def register_bookings_menu_item():
    return BookingsMenuItem(
        _("Bookings"), reverse("bookings_admin:index"), icon_name="date", name="bookings", order=250
    )


class DateFormatter(LogFormatter):
    """A history line naming the date and counts only: log entries never hold a family's name or contact."""

    template = ""

    def format_message(self, log_entry):
        data = {"start": "", "told": 0, "attended": 0, "moved_up": 0, "rows": 0, **(log_entry.data or {})}
        try:
            return self.template % data
        except (KeyError, TypeError, ValueError):
            return self.label


LOG_ACTIONS = {
    "bookings.add_by_phone": (_("Booking taken by phone"), _("Booking taken by phone for %(start)s")),
    "bookings.cancel": (_("Booking cancelled by staff"), _("A booking for %(start)s cancelled by staff")),
    "bookings.cancel_date": (_("Date cancelled"), _("Date %(start)s cancelled; %(told)s families told")),
    "bookings.attendance": (_("Attendance saved"), _("Attendance for %(start)s saved: %(attended)s attended")),
    "bookings.export": (_("Bookings exported"), _("Bookings of %(start)s exported as CSV (%(rows)s rows)")),
}


@hooks.register("register_log_actions")
def register_booking_log_actions(actions):
    for action, (label, template) in LOG_ACTIONS.items():
        actions.register_action(action)(type("Formatter", (DateFormatter,), {"label": label, "template": template}))
