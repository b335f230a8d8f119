import pytest


def test_search_page_shows_highlighted_snippets_and_type_facets(client, corpus):
    response = client.get("/search/", {"q": "もくよく"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "沐浴体験と赤ちゃんのお世話" in html
    assert "<mark>" not in html or "</mark>" in html
    assert 'aria-label="Result pages"' not in html  # one page only
    response = client.get("/search/", {"q": "絵本"})
    html = response.content.decode()
    assert "<mark>絵本</mark>" in html
    assert "type=home.standardpage" in html  # the facet link


def test_search_page_paginates(client, corpus):
    first = client.get("/search/", {"q": "の"}).content.decode()  # matches (almost) every page
    assert 'rel="next"' in first
    second = client.get("/search/", {"q": "の", "page": 2})
    assert second.status_code == 200
    assert 'rel="prev"' in second.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"q": "公園", "page": "x"},
        {"q": "公園", "page": "0"},
        {"q": "公園", "type": "nope.page"},
        {"q": "あ" * 101},
        {"q": "公園", "page": "99"},
    ],
)
def test_bad_parameters_are_400_with_a_message(client, home, params):
    response = client.get("/search/", params)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    api = client.get("/api/v1/search/", params)
    assert api.status_code == 400
    # The same error format as the directory API: {"errors": {parameter: [message, ...]}}.
    errors = api.json()["errors"]
    assert set(errors) <= {"q", "type", "page"}
    assert all(isinstance(message, str) and message for messages in errors.values() for message in messages)


def test_api_returns_count_backend_and_results(client, corpus):
    data = client.get("/api/v1/search/", {"q": "ﾍﾞﾋﾞｰｶｰ"}).json()
    assert data["backend"] == "database"
    assert data["count"] == 1
    (hit,) = data["results"]
    assert hit["title"] == "授乳室とおむつ替え"
    assert hit["url"] == "/junyu/"
    assert hit["type"] == "home.standardpage"
    assert "<mark>ベビーカー</mark>" in hit["snippet"]


def test_api_type_filter(client, corpus, home):
    data = client.get("/api/v1/search/", {"q": "子育て", "type": "home.homepage"}).json()
    assert [r["type"] for r in data["results"]] == ["home.homepage"] * data["count"]
    assert data["count"] >= 1


def test_unpublished_pages_are_not_found(client, corpus):
    assert client.get("/api/v1/search/", {"q": "芝生"}).json()["count"] == 1
    corpus["koen"].unpublish()
    assert client.get("/api/v1/search/", {"q": "芝生"}).json()["count"] == 0


def _count(client, q):
    return client.get("/api/v1/search/", {"q": q}).json()["count"]


def test_pages_behind_a_view_restriction_are_not_found(client, corpus):
    from wagtail.models import PageViewRestriction

    assert _count(client, "芝生") == 1
    restriction = PageViewRestriction.objects.create(
        page=corpus["koen"], restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert _count(client, "芝生") == 0
    restriction.delete()
    assert _count(client, "芝生") == 1


def test_an_edited_page_is_found_by_its_new_words_only(client, corpus):
    """The index entry follows the edit (on PostgreSQL the stored ``title || body`` the search matches too)."""
    page = corpus["koen"]

    def titles(q):
        return [hit["title"] for hit in client.get("/api/v1/search/", {"q": q}).json()["results"]]

    assert (titles("芝生"), titles("噴水")) == (["公園あそび"], [])
    page.intro = "噴水のある広場でシャボン玉。"
    page.save_revision().publish()
    assert (titles("芝生"), titles("噴水 シャボン玉")) == ([], ["公園あそび"])
    page.title = "広場あそび"
    page.save_revision().publish()
    assert (titles("噴水"), titles("広場あそび 噴水")) == (["広場あそび"], ["広場あそび"])
    assert "公園あそび" not in titles("公園あそび")


def test_api_answers_match_the_published_schema(client, corpus):
    from tests.resources_directory.test_api import validator_for

    found = client.get("/api/v1/search/", {"q": "子育て"}).json()
    assert found["results"]
    validator_for("SearchResponse").validate(found)
    validator_for("SearchResponse").validate(client.get("/api/v1/search/", {"q": ""}).json())
    validator_for("Errors").validate(client.get("/api/v1/search/", {"page": "0"}).json())


def test_pages_with_every_word_in_the_title_rank_first(client, corpus, home):
    from home.factories import StandardPageFactory

    StandardPageFactory(parent=home, slug="massage", title="ベビーマッサージ講座", intro="ふれあいの時間です。")
    StandardPageFactory(
        parent=home,
        slug="news",
        title="今月のお知らせ",
        intro="今月はベビーマッサージの日があります。講座の申し込みは窓口で。ほかの講座もあります。",
    )
    urls = [hit["url"] for hit in client.get("/api/v1/search/", {"q": "ベビーマッサージ 講座"}).json()["results"]]
    assert urls[:2] == ["/massage/", "/news/"]


def _mokuyoku_pages(home, count, prefix):
    """``count`` programs and ``count`` standard pages that all mention 沐浴."""
    from home.factories import ProgramPageFactory, StandardPageFactory

    programs = home.get_children().get(slug="programs")
    for n in range(count):
        ProgramPageFactory(parent=programs, slug=f"{prefix}-program-{n}", title=f"沐浴講座 {n}")
        StandardPageFactory(parent=home, slug=f"{prefix}-news-{n}", title=f"沐浴のお知らせ {n}", intro="沐浴体験")


def test_the_search_page_costs_a_few_queries_whatever_the_number_of_results(
    client, home, django_assert_max_num_queries
):
    """One full-text query for the count, the type facet and the page, then one per page type on the page: a
    page of ten results of two types must not load each page on its own (N+1), and more matches cost nothing."""
    _mokuyoku_pages(home, 6, "few")
    # 11 for the search itself, 4 of them cold caches (content types, site roots); 3 for the languages: the
    # locales, the hub's translated home pages and the page's translations (language switcher, hreflang).
    with django_assert_max_num_queries(14) as few:
        response = client.get("/search/", {"q": "沐浴"})
    html = response.content.decode()
    assert html.count('<li><h2><a href="') == 10  # a full page of results
    assert "沐浴講座" in html and "沐浴のお知らせ" in html
    assert 'rel="next"' in html  # 12 results: a second page
    _mokuyoku_pages(home, 20, "more")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/search/", {"q": "沐浴", "page": 3})
    assert response.content.decode().count('<li><h2><a href="') == 10
