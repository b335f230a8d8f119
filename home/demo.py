"""Demo content: the page tree every hub starts with. Other apps add their content in their own demo.py."""

from home.hub_setup import create_hub

HOME_TITLE = "港南区地域子育て支援拠点 はっち"
ABOUT_TITLE = "はっちについて"
HUB = {
    "name": "港南区地域子育て支援拠点 はっち",
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
    """Create (or complete) the first demo hub, served as the default site, and return its home page."""
    hub = create_hub(hostname="localhost", slug="konan", default=True, home_title=HOME_TITLE, **HUB)
    home = hub.site.root_page.specific
    about = child_by_slug(home, "about")
    if about is not None and not about.body:
        about.title, about.body = ABOUT_TITLE, ABOUT_BODY
        about.save_revision().publish()
    return home
