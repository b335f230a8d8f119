"""Draft evaluation content never reaches anonymous visitors: pages, preview, API, search, sitemap, timeline."""

import re

from django.urls import reverse

from tests.goals.conftest import evaluation_for_year

SECRET = "未承認の下書きだけにある文章"


def test_drafts_stay_private(evaluations, draft, client_for):
    live = evaluation_for_year(evaluations, 2020)
    live.get_latest_revision().publish()
    live.refresh_from_db()
    # An unpublished change to the live document, and a goal that exists only in the draft.
    goal = live.evaluated_goals.first()
    goal.results += "\n" + SECRET
    live.save_revision()
    first = draft.evaluated_goals.first()
    first.text = SECRET + "の目標"
    first.goal = None
    first.save()
    draft.link_goals()

    client = client_for("anonymous")
    assert client.get(draft.url).status_code == 404
    assert SECRET not in client.get(live.url).content.decode()
    assert client.get(f"/admin/pages/{draft.pk}/view_draft/").status_code == 302  # to the login page
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    listing = client.get("/api/v2/pages/?type=goals.EvaluationPage&fields=evaluated_goals").json()
    assert [item["id"] for item in listing["items"]] == [live.pk]
    assert SECRET not in str(listing)
    search = client.get(reverse("search:site_search"), {"q": SECRET}).content.decode()
    # The live document may come up as a partial match, but never the draft, and no snippet shows draft text.
    assert f'href="{draft.url}"' not in search
    snippets = re.findall(r'<p class="search-snippet">(.*?)</p>', search, re.S)
    assert not any(SECRET in snippet for snippet in snippets)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert live.url in sitemap and draft.url not in sitemap
    for path in ("timeline/", "retrospective/2016/"):
        response = client.get(evaluations.url + path)
        assert response.status_code in (200, 404)
        assert SECRET not in response.content.decode()
    timeline = client.get(evaluations.url + "timeline/").content.decode()
    assert live.evaluated_goals.first().text in timeline


def test_timeline_and_retrospective_follow_a_goal_across_years(evaluations, client_for):
    from goals.demo_data.konan import invented_second_year
    from goals.importer.builder import build
    from goals.importer.parser import parse
    from tests.goals.conftest import SAMPLE

    first = parse(SAMPLE)
    for parsed in (first, invented_second_year(first)):
        build(parsed, evaluations).get_latest_revision().publish()
    client = client_for("anonymous")
    html = client.get(evaluations.url + "timeline/").content.decode()
    # Goal 3 of FY2022 (fathers) was declared in the FY2021 document and evaluated in FY2022's.
    fathers = "父親が気軽に訪れ子育ての相談ができる拠点となる。"
    section = html[html.index(fathers) :]
    section = section[: section.find('<section class="goal-path"') if '<section class="goal-path"' in section else None]
    assert "令和3年度" in section and "令和4年度" in section and "土曜日のパパ向けプログラム" in section
    retrospective = client.get(evaluations.url + "retrospective/2021/")
    assert retrospective.status_code == 200
    assert "5か年度の振り返り（令和3年度～令和7年度）" in retrospective.content.decode()
    assert client.get(evaluations.url + "retrospective/2010/").status_code == 404
