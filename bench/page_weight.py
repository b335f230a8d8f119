"""Page weight per public page type, from Chromium's network log (phone viewport, empty cache).

    .venv/bin/python bench/page_weight.py [--url http://127.0.0.1:8000]

Transferred = response headers + body as sent on the wire (runserver sends no compression, so this is an
upper bound). Map tiles and content images (/media/, tile hosts) are counted apart, as the goals exclude them.
Goals (issue 7): <= 100 KB per page without tiles and content images, <= 30 KB JavaScript.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_server import demo_server, print_table  # noqa: E402

GOAL_PAGE_KB = 100
GOAL_JS_KB = 30


def is_excluded(url, resource_type):
    return "/media/" in url or "/tiles/" in url or (resource_type == "image" and "/images/" in url)


def measure(browser, device, base_url, path):
    context = browser.new_context(**device)
    page = context.new_page()
    requests = []
    page.on("requestfinished", lambda request: requests.append(request))
    page.goto(base_url + path, wait_until="networkidle")
    total = js = excluded = 0
    for request in requests:
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        if is_excluded(request.url, request.resource_type):
            excluded += size
            continue
        total += size
        if request.resource_type == "script":
            js += size
    context.close()
    return len(requests), total, js, excluded


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="measure a running site instead of a throw-away demo site")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from tests.browser.helpers import BROWSER_ARGS, CHROMIUM_PATH

    rows = []
    failures = 0
    with demo_server(args.url) as (base_url, pages), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=BROWSER_ARGS)
        device = playwright.devices["Pixel 7"]
        for label, path in pages:
            count, total, js, excluded = measure(browser, device, base_url, path)
            ok = total <= GOAL_PAGE_KB * 1024 and js <= GOAL_JS_KB * 1024
            failures += not ok
            rows.append(
                (
                    label,
                    path,
                    count,
                    f"{total / 1024:.1f}",
                    f"{js / 1024:.1f}",
                    f"{excluded / 1024:.1f}",
                    "ok" if ok else "OVER",
                )
            )
        browser.close()
    print_table(
        ["page", "path", "requests", "KB", "JS KB", "tiles+images KB", f"goal ≤{GOAL_PAGE_KB}/{GOAL_JS_KB}"], rows
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
