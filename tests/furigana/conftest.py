import pytest

from home.hub_setup import create_hub
from home.hubs import hub_for_page
from resources_directory.factories import ListingPageFactory


def directory_of(home):
    return home.get_children().get(slug="directory").specific


@pytest.fixture
def hubs(home):
    """Hub A (the demo hub, localhost) and hub B (つばさ区, tsubasa.localhost), each with a place named 野庭ひろば."""
    hub_b = create_hub(
        name="つばさ区地域子育て支援拠点 そら", ward="つばさ区", hostname="tsubasa.localhost", slug="tsubasa"
    )
    for hub_home, slug in ((home, "noba-a"), (hub_b.site.root_page.specific, "noba-b")):
        ListingPageFactory(parent=directory_of(hub_home), slug=slug, title="野庭ひろば")
    return {"a": hub_for_page(home), "b": hub_b}
