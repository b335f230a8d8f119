"""Fuzzing the public endpoints with hypothesis: never a 5xx, every 4xx explains itself."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
text = st.text(max_size=300)
params = st.dictionaries(
    st.sampled_from(
        ["q", "page", "limit", "offset", "order", "search", "fields", "type", "child_of", "search_operator"]
    ),
    st.one_of(text, st.integers(min_value=-(2**63), max_value=2**63).map(str)),
    max_size=4,
)


@pytest.mark.django_db
@FUZZ
@given(query=params)
def test_site_search_never_fails(client, home, query):
    response = client.get("/search/", query)
    assert response.status_code in (200, 400)  # 400: the form names the bad field (page, type, a too long query)
    if response.status_code == 400:
        assert "errorlist" in response.content.decode()


@pytest.mark.django_db
@FUZZ
@given(endpoint=st.sampled_from(["pages", "images", "documents"]), query=params)
def test_api_answers_bad_input_with_a_message(client, home, endpoint, query):
    response = client.get(f"/api/v2/{endpoint}/", query)
    assert response.status_code < 500
    if response.status_code >= 400:
        assert response.json().get("message")


@pytest.mark.django_db
@FUZZ
@given(path=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_arbitrary_paths_never_fail(client, home, path):
    response = client.get("/" + path.replace("\x00", ""))
    assert response.status_code < 500
