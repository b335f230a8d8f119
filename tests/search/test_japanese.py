import io

from django.core.management import call_command

from search import japanese
from search.backends.database import DatabaseEngine


def test_folding_width_case_and_kana():
    assert japanese.fold("ﾍﾞﾋﾞｰｶｰ ＡＢＣ１２") == "べびーかー abc12"


def test_index_text_has_surface_reading_and_single_characters():
    stream = japanese.index_text("沐浴体験").split()
    assert {"沐浴", "浴体", "体験"} <= set(stream)  # surface bigrams
    assert {"もく", "くよ", "よく"} <= set(stream)  # reading bigrams
    assert {"沐", "浴", "体", "験"} <= set(stream)  # one-character queries


def test_query_terms_offer_reading_and_normal_form():
    (term,) = japanese.query_terms("子ども")
    assert ["子供"] in term
    assert ["こど", "ども"] in term


def test_rebuild_command_restores_a_lost_index(corpus, client):
    from wagtail.search.backends import get_search_backend

    get_search_backend("default").reset_indexes()
    assert DatabaseEngine().search("芝生").count == 0
    call_command("rebuild_search_index", "--no-progress", stdout=io.StringIO())
    assert DatabaseEngine().search("芝生").count == 1
