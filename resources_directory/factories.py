"""Factories shared by the tests and the demo-data command."""

import factory
import wagtail_factories

from resources_directory.models import DirectoryPage, ListingPage


class DirectoryPageFactory(wagtail_factories.PageFactory):
    title = "地域の子育て情報"
    slug = "directory"
    intro = "近くの子育てサロン、ケアプラザ、つどいの広場、公園などを探せます。"

    class Meta:
        model = DirectoryPage


class ListingPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"子育てサロン {n}")
    kana = factory.Sequence(lambda n: f"こそだてさろん {n}")

    class Meta:
        model = ListingPage
