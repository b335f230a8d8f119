"""A hub-wide closure saved (「警報のため本日休館」): the families booked on its days are told (``services``)."""

from django.db import transaction


def hub_closed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from bookings.services import cancel_for_hub_closure

    transaction.on_commit(lambda: cancel_for_hub_closure(instance))
