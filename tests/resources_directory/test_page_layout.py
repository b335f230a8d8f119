"""The directory page on a phone: search bar first, the other filters folded under a summary of the active ones,
the words read as filters named; the fields and cards drawn by resources_directory/templatetags/directory_tags.py."""

import re

from django.test import override_settings
from django.utils import translation

from resources_directory import choices
from tests.languages.conftest import translate


def text(response):
    return response.content.decode()


def details(html):
    return re.search(r"<details class=\"filters\"( open)?>\s*<summary>([^<]*)</summary>", html)


def test_without_a_search_the_filters_are_open(client, places):
    match = details(text(client.get("/directory/")))
    assert match and match.group(1) == " open"
    assert match.group(2) == "絞り込み"


def test_after_a_search_the_filters_are_folded_under_a_summary_of_those_on(client, places, taxonomy):
    response = client.get(
        "/directory/", {"age_months": "3", "weekday": "1", "amenity": "nursing_room", "category": "salon"}
    )
    html = text(response)
    match = details(html)
    assert match and match.group(1) is None
    assert match.group(2) == "絞り込み: 3か月 · 火曜 · 子育てサロン · 授乳室"
    # The keyword box and the button come before the folded filters, the results after them.
    form = html[html.index('<form id="directory-search"') :]
    assert (
        form.index('id="id_q"') < form.index('type="submit"') < form.index("<details") < form.index("results-heading")
    )
    assert 'value="nursing_room" id="id_amenity_0" checked' in form
    assert re.search(r'value="salon" id="id_category_\d+" checked', form)
    assert not re.search(r'value="park" id="id_category_\d+" checked', form)


def test_form_errors_open_the_filters(client, places):
    response = client.get("/directory/", {"age_months": "many"})
    assert response.status_code == 400
    match = details(text(response))
    assert match and match.group(1) == " open"
    assert 'aria-invalid="true"' in text(response)


def test_words_read_as_filters_are_named_above_the_results(client, places):
    html = text(client.get("/directory/", {"q": "じゅにゅうしつ"}))
    assert '<p class="applied-filters">授乳室 で絞り込みました</p>' in html
    assert "applied-filters" not in text(client.get("/directory/", {"q": "公園"}))


def test_narrowed_to_in_english(client, places, directory):
    translate(directory, "en", title="Places for families")  # an untranslated page is shown in Japanese
    with translation.override("en"):
        html = text(client.get("/en/directory/", {"q": "nursing"}))
    assert "Narrowed to: Nursing room" in html


def test_the_cards_keep_their_markup(client, places):
    html = text(client.get("/directory/", {"postal_code": "234-0054", "age_months": "3"}))
    card = re.search(r'<li class="listing" id="listing-\d+">.*?</li>', html, re.S).group(0)
    assert re.search(r'<h3 class="listing__name"><a href="/directory/near/">ひよこサロン</a>', card)
    assert "<dt>距離</dt>" in card and "<dt>対象年齢</dt><dd>0〜11か月</dd>" in card


@override_settings(PAGE_CACHE_SECONDS=60)
def test_category_choices_are_kept_per_content_version(django_assert_num_queries, taxonomy):
    from resources_directory.factories import CategoryFactory

    choices.clear()
    first = choices.snippet_choices("v1")
    assert ("salon", "子育てサロン") in first["category"]
    with django_assert_num_queries(0):
        assert choices.snippet_choices("v1") is first
    CategoryFactory(slug="clinic", name="医療機関")
    assert ("clinic", "医療機関") not in choices.snippet_choices("v1")["category"]
    assert ("clinic", "医療機関") in choices.snippet_choices("v2")["category"]
    assert ("clinic", "医療機関") in choices.snippet_choices("off")["category"]  # page cache off: read every time
    choices.clear()
