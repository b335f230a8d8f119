"""The directory on the engine: bulk indexing docs/s and geo + keyword query p50/p95.

SEARCH_ENGINE_URL=$(scripts/opensearch url) .venv/bin/python bench/search_listings.py [--listings 100000]
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django  # noqa: E402

django.setup()

from search.backends.opensearch import OpenSearchEngine  # noqa: E402

WORDS = [
    "子育てサロン",
    "公園",
    "図書館のおはなし会",
    "授乳室あり",
    "ベビーカー可",
    "パパ歓迎",
    "園庭開放",
    "児童館",
    "地域ケアプラザ",
    "育児講座",
    "相談窓口",
    "親と子のつどいの広場",
]
QUERIES = ["サロン", "こうえん", "授乳室", "ﾍﾞﾋﾞｰｶｰ", "パパ", "園庭", "児童館", ""]


def docs(n, rng):
    for i in range(n):
        lo = rng.choice([0, 6, 12, 24])
        yield {
            "id": f"listing:{i}",
            "title": f"{rng.choice(WORDS)} {i}",
            "text": " ".join(rng.sample(WORDS, 3)),
            "category": rng.choice(["hub", "salon", "park", "library", "clinic", "hall"]),
            "area": rng.choice(["港南区", "南区", "磯子区", "戸塚区", "栄区"]),
            "location": (35.39 + rng.uniform(-0.3, 0.3), 139.59 + rng.uniform(-0.3, 0.3)),
            "age_min_months": lo,
            "age_max_months": lo + rng.choice([12, 24, 72]),
            "weekdays": rng.sample(["mon", "tue", "wed", "thu", "fri", "sat", "sun"], 2),
            "url": f"/directory/{i}/",
        }


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--listings", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(3)
    engine = OpenSearchEngine(os.environ["SEARCH_ENGINE_URL"], prefix="bench", timeout=5)
    start = time.perf_counter()
    engine.rebuild_listings(docs(args.listings, rng))
    took = time.perf_counter() - start
    print(f"bulk indexed {args.listings} listings in {took:.1f} s = {args.listings / took:,.0f} docs/s")
    times = []
    for _ in range(args.queries):
        q = rng.choice(QUERIES)
        near = (35.39 + rng.uniform(-0.2, 0.2), 139.59 + rng.uniform(-0.2, 0.2))
        t = time.perf_counter()
        engine.search_listings(
            query=q, near=near, within_km=rng.choice([1, 2, 5]), filters={"age_months": rng.choice([3, 8, 14, 30])}
        )
        times.append(time.perf_counter() - t)
    print(
        f"\n| listings | geo + keyword p50 ms | p95 ms |\n|---|---|---|\n| {args.listings:,} | "
        f"{pct(times, 50):.1f} | {pct(times, 95):.1f} |"
    )
    engine.client.indices.delete(index="bench-*", ignore_unavailable=True)


if __name__ == "__main__":
    main()
