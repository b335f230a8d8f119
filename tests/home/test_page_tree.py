"""Which page type may be created under which (parent/subpage rules)."""

import pytest
from wagtail.models import Page

from goals.models import EvaluationIndexPage
from home.models import HomePage, ProgramIndexPage, StandardPage
from resources_directory.models import DirectoryPage, ListingPage

ALLOWED = {
    HomePage: {StandardPage, ProgramIndexPage, DirectoryPage, EvaluationIndexPage},
    StandardPage: {StandardPage},
    DirectoryPage: {ListingPage},
    ProgramIndexPage: set(),
    EvaluationIndexPage: set(),
    ListingPage: set(),
}
FOUNDATION_TYPES = [HomePage, StandardPage, ProgramIndexPage, DirectoryPage, ListingPage, EvaluationIndexPage]


@pytest.mark.parametrize("parent", list(ALLOWED), ids=lambda model: model.__name__)
@pytest.mark.parametrize("child", FOUNDATION_TYPES, ids=lambda model: model.__name__)
def test_subpage_rules(parent, child):
    expected = child in ALLOWED[parent]
    assert (child in parent.allowed_subpage_models()) is expected
    assert (parent in child.allowed_parent_page_models()) is expected


def test_only_home_pages_sit_at_the_root(db):
    root = Page.get_first_root_node()
    assert HomePage.can_exist_under(root)
    for model in FOUNDATION_TYPES[1:]:
        assert not model.can_exist_under(root)


@pytest.mark.parametrize("model", [ProgramIndexPage, DirectoryPage])
def test_one_programs_section_and_one_directory_per_hub(home, model):
    assert not model.can_create_at(home)


def test_a_hub_can_have_several_standard_pages(home):
    assert StandardPage.can_create_at(home)
