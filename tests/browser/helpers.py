"""Shared by the browser tests and bench/: how Chromium is started, axe-core injection, network accounting; and
the admin actions the staff journeys share."""

import os
from pathlib import Path

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
NODE_MODULES = Path(__file__).resolve().parent / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_source():
    if not AXE_JS.exists():
        raise AssertionError(f"{AXE_JS} is missing: run scripts/install_browser (npm ci --prefix tests/browser)")
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(page):
    """Run axe-core (served from node_modules, never from the internet) on the page: WCAG 2.1 A and AA rules."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source())
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))
            }));
        }""",
        WCAG_TAGS,
    )


def format_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {(node['summary'] or '').splitlines()[-1].strip()}")
    return "\n".join(lines)


def ja(message):
    """The Japanese the site shows for an English source string (tests follow the translations)."""
    from django.utils import translation

    with translation.override("ja"):
        return translation.gettext(message)


# --- staff in the admin ---


def admin_action(page, name, navigates=True):
    """Click a page action in the editor footer (opening the "more actions" dropdown when it is folded) and
    wait for the page the server answers with."""
    button = page.locator(f"footer button[name='{name}'], footer [data-workflow-action-name='{name}']").first
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    if not navigates:
        button.click()
        return
    with page.expect_navigation():
        button.click()
    page.wait_for_load_state()


def refused(context, url, csrf_from):
    """POST a workflow action the user should not have: the server must refuse it (no state change)."""
    from django.conf import settings

    token = next(c["value"] for c in context.cookies() if c["name"] == settings.CSRF_COOKIE_NAME)
    response = context.request.post(url, headers={"X-CSRFToken": token, "Referer": csrf_from}, max_redirects=0)
    return response.status in (302, 400, 403, 404, 405)
