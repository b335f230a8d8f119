"""Fixtures for the browser tests: Debian's Chromium driven by Playwright against a live server with demo content.

Nothing here downloads a browser: Playwright only drives /usr/bin/chromium (``scripts/install_browser`` installs
it). Without Chromium or axe-core the tests FAIL with a hint, they never skip.
"""

import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client

from tests.browser.helpers import BROWSER_ARGS, CHROMIUM_PATH, axe_violations, format_violations
from tests.conftest import ROLE_GROUPS, log_in, make_staff_user

ARTIFACTS_DIR = Path(settings.BASE_DIR) / "var" / "test-artifacts"
MOBILE_DEVICE = "Pixel 7"
STAFF_PASSWORD = "test-password-123"  # what tests.conftest.make_staff_user sets


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="package")
def playwright_instance(migrated_db_contents):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright for Python is missing: run `make install` (requirements/dev.txt)")
    # Playwright's sync API runs an event loop in this thread; Django's ORM would refuse to run beside it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    manager = sync_playwright()
    playwright = manager.start()
    yield playwright
    manager.__exit__(None, None, None)
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def chromium(playwright_instance):
    if not Path(CHROMIUM_PATH).exists():
        pytest.fail(f"No Chromium at {CHROMIUM_PATH}: run scripts/install_browser (Debian's chromium package)")
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM_PATH, args=BROWSER_ARGS, headless=True)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def migrated_db_contents(django_db_setup, django_db_blocker):
    """The database as migrated (serialized by pytest-django for django_db_serialized_rollback), content types
    first: restoring a wagtail Task subclass (goals' approval task) before them would create its content type
    with a new id, and the restore would then fail on the unique (app_label, model)."""
    with django_db_blocker.unblock():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is None:
            contents = connection.creation.serialize_db_to_string()
    objects = json.loads(contents)
    objects.sort(key=lambda obj: obj["model"] != "contenttypes.contenttype")  # stable: keeps the rest in order
    contents = json.dumps(objects)
    connection._test_serialized_contents = contents
    return contents


def load_demo(port):
    """The demo hubs, their sites on the live server's port: a page's full address (another hub's page, e.g.
    http://tsubasa.localhost:<port>/...) leads to the live server (Chromium sends *.localhost to this machine)."""
    call_command("load_demo", port=port, stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def demo_site(live_server, django_db_serialized_rollback, migrated_db_contents):
    """The demo hubs as `make demo` loads them, served by a live server (a fresh database for every test)."""
    # Django keeps the migrated state (groups, locales, root page) on the connection object to restore it after
    # each test's flush; with Playwright's event loop running, this thread sees another connection object.
    connection._test_serialized_contents = migrated_db_contents
    # A transactional test that ran just before (e.g. tests/bookings, whose flush skips post-migrate) may have left
    # the database empty without this thread's connection restoring it: bring back the migrated state first.
    reset_to_migrated(migrated_db_contents)
    load_demo(urlsplit(live_server.url).port)
    return live_server


def reset_to_migrated(contents):
    """Bring the database back to its migrated state when a transactional test's flush left it empty."""
    from wagtail.models import Locale

    if Locale.objects.exists():
        return
    call_command("flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False, verbosity=0)
    connection.creation.deserialize_db_from_string(contents)


@pytest.fixture(scope="package")
def shared_demo_site(playwright_instance, django_db_setup, django_db_blocker, migrated_db_contents):
    """One demo hub, loaded once (committed), served by a live server, for the tests that only read it: loading
    the demo for each test would cost most of the suite's time. When the package's tests are done the database
    is brought back to its migrated state for the tests that follow."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.test.testcases import LiveServerThread

    with django_db_blocker.unblock():
        reset_to_migrated(migrated_db_contents)
        thread = LiveServerThread("localhost", static_handler=StaticFilesHandler, connections_override={})
        thread.daemon = True
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
        load_demo(thread.port)
        yield f"http://localhost:{thread.port}"
        thread.terminate()
        call_command("flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False, verbosity=0)
        connection.creation.deserialize_db_from_string(migrated_db_contents)


@pytest.fixture
def staff_users(demo_site):
    """One user per staff group (editor, reviewer, manager), password STAFF_PASSWORD."""
    return {role: make_staff_user(role) for role in ROLE_GROUPS}


@pytest.fixture
def second_hub_staff(demo_site):
    """The demo's second hub (つばさ区) and one user per staff group of it (editor2, reviewer2, manager2)."""
    from home.models import HubSettings

    hub = HubSettings.objects.get(slug="tsubasa")
    return hub, {role: make_staff_user(role, hub=hub, username=f"{role}2") for role in ROLE_GROUPS}


class Browser:
    """Opens contexts and pages on the shared Chromium; keeps them to save screenshots when a test fails."""

    def __init__(self, chromium, playwright, base_url):
        self.chromium = chromium
        self.playwright = playwright
        self.base_url = base_url
        self.contexts = []

    def context(self, *, mobile=False, javascript=True, **options):
        if mobile:
            options = {**self.playwright.devices[MOBILE_DEVICE], **options}
        options.setdefault("locale", "ja-JP")
        options.setdefault("timezone_id", "Asia/Tokyo")
        # bypass_csp lets axe-core be injected whatever Content-Security-Policy the site sends.
        context = self.chromium.new_context(
            base_url=self.base_url, java_script_enabled=javascript, bypass_csp=True, **options
        )
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        return context

    def page(self, **options):
        return self.context(**options).new_page()

    def log_in(self, context, user):
        """Give the context a staff session made by tests.conftest.log_in (the one 2FA-aware login helper)."""
        client = log_in(Client(), user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": self.base_url}])
        return context

    def close(self, artifact_name=None):
        for number, context in enumerate(self.contexts):
            if artifact_name:
                for page_number, page in enumerate(context.pages):
                    save_artifacts(page, f"{artifact_name}-{number}-{page_number}")
            context.close()


def save_artifacts(page, name):
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    try:
        page.screenshot(path=str(ARTIFACTS_DIR / f"{name}.png"), full_page=True)
        (ARTIFACTS_DIR / f"{name}.html").write_text(page.content(), encoding="utf-8")
    except Exception as error:  # noqa: BLE001 - a closed page must not hide the test's own failure
        (ARTIFACTS_DIR / f"{name}.txt").write_text(f"{page.url}\n{error}\n", encoding="utf-8")


def open_browser(request, chromium, playwright_instance, base_url):
    session = Browser(chromium, playwright_instance, base_url)
    yield session
    report = getattr(request.node, "report_call", None)
    failed = report is not None and report.failed
    session.close(artifact_name=re.sub(r"[^\w.-]+", "_", request.node.name) if failed else None)


@pytest.fixture
def browser(request, chromium, playwright_instance, shared_demo_site, db):
    """Chromium on the shared demo site: for tests that only read (public pages, searches). `db` makes
    pytest-django create the test database and wraps the test in a transaction that is rolled back."""
    yield from open_browser(request, chromium, playwright_instance, shared_demo_site)


@pytest.fixture
def staff_browser(request, chromium, playwright_instance, demo_site):
    """Chromium on a fresh demo site of its own: for tests that change data (staff at work)."""
    yield from open_browser(request, chromium, playwright_instance, demo_site.url)


@pytest.fixture
def axe_check():
    """axe_check(page): run the locally installed axe-core (WCAG 2.1 A/AA) and fail on any violation."""

    def check(page, context=""):
        violations = axe_violations(page)
        if violations:
            pytest.fail(
                f"axe-core: {len(violations)} violation(s) on {context or page.url}\n" + format_violations(violations)
            )

    return check
