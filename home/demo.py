"""Demo content: the page tree every hub starts with. Other apps add their content in their own demo.py."""

from wagtail.models import Page, Site

from goals.factories import EvaluationIndexPageFactory
from home.factories import HomePageFactory, ProgramIndexPageFactory, StandardPageFactory
from home.models import HomePage, HubSettings
from resources_directory.factories import DirectoryPageFactory

HUB = {
    "hub_name": "港南区地域子育て支援拠点 はっち",
    "ward": "港南区",
    "operator": "特定非営利活動法人ちゅーりっぷ",
    "address": "横浜市港南区港南中央通（架空の住所）",
    "phone": "045-000-0000",
    "opening_hours": "火〜土 9:30〜16:00",
}

ABOUT_BODY = [
    ("paragraph", "<p>はっちは、就学前の子どもと保護者、妊娠中の方が自由に過ごせる親子の居場所です。</p>"),
    (
        "callout",
        {"title": "はじめての方へ", "text": "<p>予約は要りません。母子健康手帳をお持ちください。</p>", "tone": "info"},
    ),
    (
        "faq",
        {
            "items": [
                {
                    "question": "パパだけで行ってもいいですか？",
                    "answer": "<p>もちろんです。土曜日はパパの利用も多い日です。</p>",
                },
                {"question": "授乳室はありますか？", "answer": "<p>授乳室とおむつ替えの場所があります。</p>"},
            ]
        },
    ),
]


def child_by_slug(parent, slug):
    return parent.get_children().filter(slug=slug).specific().first()


def build_site():
    """Create (or find) the home page, make it the default site's root, and add the section pages."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePageFactory(parent=root, slug="hub-home")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = HUB["hub_name"]
        site.save()
        if type(old_root.specific) is Page and old_root.slug == "home":
            old_root.delete()  # Wagtail's "Welcome to your new Wagtail site!" placeholder

    HubSettings.objects.update_or_create(site=site, defaults=HUB)

    sections = [
        ("programs", ProgramIndexPageFactory, {}),
        ("directory", DirectoryPageFactory, {}),
        ("evaluations", EvaluationIndexPageFactory, {}),
        (
            "about",
            StandardPageFactory,
            {"title": "はっちについて", "intro": "拠点の紹介と利用案内", "body": ABOUT_BODY},
        ),  # noqa: E501
    ]
    for slug, factory_class, extra in sections:
        if child_by_slug(home, slug) is None:
            factory_class(parent=home, slug=slug, show_in_menus=True, **extra)
    return home
