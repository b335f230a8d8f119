"""Demo translations of the first demo hub (港南区 はっち), made the way a translator's work lands: wagtail-localize
translations (so the admin's translation editor and PO download show them), their strings filled from
``languages.demo_data``, then published. English and Simplified Chinese: the home page, the directory page, the
categories and five listings; やさしい日本語: one ひろば listing. The 生まれたら page is a view: its text is in the
locale/<language>/LC_MESSAGES catalogues. Called by ``load_demo`` (last); safe to run again.
"""

from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from home.hubs import hub_for_page
from languages.demo_data import ADDRESS, AREAS, CATEGORIES, COMMON, EASY_LISTINGS, HOME, LISTINGS, SECTIONS, SUMMARY
from resources_directory.models import Area, Category, DirectoryPage, ListingPage

HUB = "konan"


def translate(instance, code, strings):
    """``instance`` in the language ``code``, its strings (source text → translation) filled in; others stay as
    they are. Returns the translated object (a page is published, once: one already translated is left as it is)."""
    locale = Locale.objects.get(language_code=code)
    is_page = isinstance(instance, Page)
    if is_page and (done := instance.get_translation_or_none(locale)) is not None:
        return done  # a second load_demo adds no revision to a page already translated
    # Not wagtail-localize's TranslationCreator: it publishes once the transaction commits (load_demo runs in one),
    # which would put back the untranslated first draft after the translated one.
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    segments = StringSegment.objects.filter(source=translation.source).select_related("string", "context")
    for segment in segments:
        text = strings.get(segment.string.data)
        if text:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
            )
    translation.save_target(publish=not is_page)  # a page is published here, not once the transaction commits
    target = instance.get_translation(locale)
    if is_page:
        target.get_latest_revision().publish()
    return target


def listing_strings(page, code, title):
    """The strings of one demo listing in the language ``code``: its title, and its summary and address made from
    its area's and category's names as the demo wrote them."""
    category = page.categories.first()
    area = page.area.name if page.area else ""
    names = {"area": AREAS[code].get(area, area), "category": CATEGORIES[code].get(category.slug, category.name)}
    return {
        **COMMON[code],
        page.title: title,
        page.summary: SUMMARY[code].format(**names),
        page.address: ADDRESS[code].format(**names),
    }


def load(home, stdout):
    hub = hub_for_page(home)
    if hub is None or hub.slug != HUB:
        return
    directory = DirectoryPage.objects.child_of(home).first()
    categories = {category.slug: category for category in Category.objects.in_default_locale()}
    listings = {page.title: page for page in ListingPage.objects.child_of(directory)} if directory else {}
    done = 0
    for code in ("en", "zh-hans"):
        translate(home, code, HOME[code])
        if directory is not None:
            translate(directory, code, SECTIONS[code])
        for slug, name in CATEGORIES[code].items():
            if slug in categories:
                translate(categories[slug], code, {categories[slug].name: name})
        for area in Area.objects.in_default_locale().filter(hub=hub):
            translate(area, code, {area.name: AREAS[code].get(area.name, area.name)})
        for source, title in LISTINGS[code].items():
            if source in listings:
                translate(listings[source], code, listing_strings(listings[source], code, title))
                done += 1
    for title, strings in EASY_LISTINGS.items():
        if title in listings:
            translate(listings[title], "ja-easy", strings)
            done += 1
    stdout.write(f"Translations of {home.title}: home, directory, categories and {done} listings.")
