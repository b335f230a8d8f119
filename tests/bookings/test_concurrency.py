"""Never overbooked: 50 families ask for the same date at the same moment, through a real threaded server.

Each test starts Django's threaded WSGI server (one thread per request, each with its own database connection
to the real SQLite file or PostgreSQL server), releases 50 client threads at once from a barrier, and checks that
exactly the places are confirmed, the rest wait or are refused, no request fails, and the database agrees. The
figures are printed (``pytest -s``) for the note.
"""

import json
import threading
import time
import urllib.error
import urllib.request
from collections import Counter

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application
from django.db import connection

from bookings.models import Booking
from tests.bookings.conftest import family

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FAMILIES = 50


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):  # no access log: these requests carry (invented) family data
        pass


class Server(ThreadedWSGIServer):
    # A production server's listen backlog (gunicorn: 2048), not socketserver's 5: 50 families connecting in the
    # same millisecond must reach the application, not be reset by the kernel.
    request_queue_size = 128


@pytest.fixture
def server_url():
    """Django's threaded WSGI server (as ``runserver`` and the live server use) with a real backlog, on 127.0.0.1."""
    server = Server(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    server.set_app(get_wsgi_application())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def book_all_at_once(url, key, families=FAMILIES):
    """POST one booking per thread, all released together; returns (Counter of answers, seconds)."""
    barrier = threading.Barrier(families)
    answers = [None] * families

    def one(n):
        body = json.dumps({"occurrence": key, **family(n)}).encode()
        request = urllib.request.Request(
            f"{url}/api/v1/bookings/", data=body, headers={"Content-Type": "application/json"}, method="POST"
        )
        barrier.wait(timeout=30)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                answers[n] = (response.status, json.load(response)["status"])
        except urllib.error.HTTPError as error:
            answers[n] = (error.code, next(iter(json.load(error).get("errors", {"?": 0}))))
        except OSError as error:  # a refused or dropped connection is an answer too (and a failure)
            answers[n] = ("error", type(error).__name__)

    threads = [threading.Thread(target=one, args=(n,)) for n in range(families)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return Counter(answers), time.monotonic() - started


def report(name, answers, seconds):
    print(f"\n{connection.vendor}: {name}: {FAMILIES} concurrent bookings in {seconds:.2f} s → {dict(answers)}")


def test_fifty_families_for_five_places_five_confirmed_and_forty_five_waiting(server_url, bookable):
    date = bookable(capacity=5, waitlist_size=100)
    answers, seconds = book_all_at_once(server_url, date.key)
    report("5 places, waiting list 100", answers, seconds)
    assert answers == Counter({(201, "confirmed"): 5, (201, "waitlisted"): 45})
    statuses = Counter(Booking.objects.filter(session_date__session=date.session).values_list("status", flat=True))
    assert statuses == Counter({"confirmed": 5, "waitlisted": 45})


def test_fifty_families_for_the_last_place_one_gets_it(server_url, bookable):
    date = bookable(capacity=1, waitlist_size=3)
    answers, seconds = book_all_at_once(server_url, date.key)
    report("1 place, waiting list 3", answers, seconds)
    assert answers == Counter({(201, "confirmed"): 1, (201, "waitlisted"): 3, (409, "occurrence"): 46})
    assert Booking.objects.filter(session_date__session=date.session, status="confirmed").count() == 1
    assert Booking.objects.count() == 4
