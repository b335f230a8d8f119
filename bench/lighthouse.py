"""Lighthouse mobile scores (performance, accessibility) per public page type, with Debian's Chromium.

    .venv/bin/python bench/lighthouse.py [--url http://127.0.0.1:8000] [--only PAGE_LABEL ...]

Lighthouse comes from npm, pinned in tests/browser/package-lock.json (scripts/install_browser); it runs the
system Chromium through CHROME_PATH. Mobile form factor with Lighthouse's default simulated throttling.
Goals (issue 7): performance >= 95, accessibility = 100.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_server import ROOT, demo_server, print_table  # noqa: E402

LIGHTHOUSE = ROOT / "tests" / "browser" / "node_modules" / ".bin" / "lighthouse"
GOAL_PERFORMANCE = 95
GOAL_ACCESSIBILITY = 100


def run_lighthouse(url, chrome_path, chrome_flags):
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                "--only-categories=performance,accessibility",
                f"--chrome-flags={' '.join(chrome_flags)}",
            ],
            env=dict(os.environ, CHROME_PATH=chrome_path, TMPDIR=tmp),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        data = json.loads(report.read_text(encoding="utf-8"))
    categories = data["categories"]
    audits = data["audits"]
    failing_a11y = [
        ref["id"]
        for ref in categories["accessibility"]["auditRefs"]
        if ref["weight"] and audits[ref["id"]]["score"] == 0
    ]
    return {
        "performance": round(categories["performance"]["score"] * 100),
        "accessibility": round(categories["accessibility"]["score"] * 100),
        "fcp": audits["first-contentful-paint"]["displayValue"],
        "lcp": audits["largest-contentful-paint"]["displayValue"],
        "cls": audits["cumulative-layout-shift"]["displayValue"],
        "failing": ", ".join(failing_a11y) or "-",
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="measure a running site instead of a throw-away demo site")
    parser.add_argument("--only", nargs="*", help="page labels to measure (default: all)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} is missing: run scripts/install_browser")
    from tests.browser.helpers import BROWSER_ARGS, CHROMIUM_PATH

    flags = ["--headless=new", *BROWSER_ARGS]
    rows = []
    failures = 0
    with demo_server(args.url) as (base_url, pages):
        for label, path in pages:
            if (args.only and label not in args.only) or label == "not found":
                continue  # Lighthouse refuses to audit a 404 response
            try:
                result = run_lighthouse(base_url + path, CHROMIUM_PATH, flags)
            except subprocess.CalledProcessError:
                failures += 1
                rows.append((label, path, "error", "", "", "", "", "", "BELOW"))
                continue
            ok = result["performance"] >= GOAL_PERFORMANCE and result["accessibility"] >= GOAL_ACCESSIBILITY
            failures += not ok
            rows.append(
                (
                    label,
                    path,
                    result["performance"],
                    result["accessibility"],
                    result["fcp"],
                    result["lcp"],
                    result["cls"],
                    result["failing"],
                    "ok" if ok else "BELOW",
                )
            )
    print_table(
        [
            "page",
            "path",
            "perf",
            "a11y",
            "FCP",
            "LCP",
            "CLS",
            "failing a11y audits",
            f"goal ≥{GOAL_PERFORMANCE}/{GOAL_ACCESSIBILITY}",
        ],
        rows,
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
