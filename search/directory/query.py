"""What a directory search asks, in one shape for every backend: keyword terms, filters, origin, order, window.

The keyword box is read here once, by shared code, so every backend answers the same question:

* words that name an amenity or an age (授乳室, おむつ替え, ベビーカー, 駐車場, 雨の日, 0歳, 3か月, 赤ちゃん) become
  filters, and stay as optional terms, so a place that also *says* 赤ちゃん ranks first;
* every other word is a required term with alternatives: its folded form, its reading, its normal form, and
  the words of any synonym group (the ``SynonymGroup`` snippet) it belongs to or contains.

Scores are whole numbers: per term, the best field it matches (name or reading 3, category / area / operator 2,
summary / address / programs 1), summed over the terms.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from search import japanese

NAME, LABEL, BODY = 3, 2, 1
TIERS = (("name_tokens", NAME), ("label_tokens", LABEL), ("body_tokens", BODY))
MAX_TERMS = 8
# The directory's facets and the document field each one counts (search.directory.FACETS: the same names).
FACET_FIELDS = {
    "category": "categories",
    "area": "area",
    "amenity": "amenities",
    "hub": "hub",
    "lang_staff": "staff_languages",
}

# Folded words (search.japanese.fold: NFKC, lower case, katakana → hiragana) that mean an amenity.
AMENITY_WORDS = {
    "nursing_room": ["授乳室", "授乳", "じゅにゅう", "じゅにゅうしつ", "授乳できる", "nursing"],
    "changing_table": ["おむつ替え", "おむつがえ", "おむつ交換", "おむつ", "おむつ替えしーと", "diaper"],
    "stroller_access": ["べびーかー", "べびーかー可", "ばぎー", "stroller"],
    "parking": ["駐車場", "ちゅうしゃじょう", "駐車", "parking"],
    "rain_ok": ["雨の日", "あめのひ", "雨", "室内", "rain"],
}
BABY_WORDS = ["赤ちゃん", "あかちゃん", "乳児", "にゅうじ", "新生児", "しんせいじ", "べびー", "baby"]
BABY_MONTHS = (0, 11)
_YEARS = re.compile(r"^(\d{1,2})(?:歳|さい|才)(?:児|じ)?$")
_MONTHS = re.compile(r"^(\d{1,3})(?:か|ゕ|ゖ|け|こ|箇)(?:月|げつ)$")  # 3か月, 3ヶ月 (not 3月: March)
_AMENITY_BY_WORD = {japanese.fold(word): key for key, words in AMENITY_WORDS.items() for word in words}
_BABY = {japanese.fold(word) for word in BABY_WORDS}


@dataclass
class Term:
    """One word of the query: any of its token sequences, as consecutive tokens, in one of the tiered fields."""

    word: str
    alternatives: list
    required: bool = True


@dataclass
class DirectoryQuery:
    terms: list = field(default_factory=list)
    directory_id: int | None = None
    hubs: list = field(default_factory=list)  # hub keys, any of; empty = every hub
    categories: list = field(default_factory=list)  # any of
    areas: list = field(default_factory=list)  # any of
    amenities: list = field(default_factory=list)  # all of
    age_range: tuple | None = None  # the place's ages overlap (low, high) months
    weekday: int | None = None
    rules: list | None = None  # open this week: a weekly rule "weekday:week" that falls on one of the days
    exclude_ids: list = field(default_factory=list)
    only_ids: list | None = None  # open now: the ids the database found open (None: no such filter)
    staff_languages: list = field(default_factory=list)  # any of (search.directory.staff: en, zh, ko, …)
    # The reader's language (search.languages): its listings first, then the Japanese ones. ``terms_by_language``
    # holds the words analysed for each group's language; ``locales`` / ``translated_to`` are one group's filter.
    locale: str | None = None
    terms_by_language: dict = field(default_factory=dict)
    locales: list | None = None  # the documents' language codes, any of (None: every language)
    translated_to: str = ""  # leave out listings with a live translation into this language
    origin: tuple | None = None  # (lat, lng)
    radius_km: float | None = None
    sort: str = "name"  # relevance | distance | name
    offset: int = 0
    limit: int = 20
    facets: bool = True


@dataclass
class ListingHits:
    """A backend's answer: the page of listing ids in order, the total, facet counts, who answered."""

    ids: list
    count: int
    facets: dict
    backend: str
    scores: list = field(default_factory=list)


@dataclass
class Intent:
    word: str
    label: str
    amenity: str | None = None
    age_range: tuple | None = None


def read_intent(word):
    """The filter a word means (an Intent), or None."""
    folded = japanese.fold(word)
    if folded in _AMENITY_BY_WORD:
        from resources_directory.models import AMENITIES

        key = _AMENITY_BY_WORD[folded]
        return Intent(word, str(AMENITIES[key]), amenity=key)
    if folded in _BABY:
        return Intent(word, str(_("babies (0–11 months)")), age_range=BABY_MONTHS)
    match = _YEARS.match(folded)
    if match:
        years = int(match.group(1))
        label = _("%(years)d years old (%(low)d–%(high)d months)") % {
            "years": years,
            "low": years * 12,
            "high": years * 12 + 11,
        }
        return Intent(word, str(label), age_range=(years * 12, years * 12 + 11))
    match = _MONTHS.match(folded)
    if match:
        months = int(match.group(1))
        return Intent(word, str(_("%(months)d months old") % {"months": months}), age_range=(months, months))
    return None


def synonym_groups():
    """Folded synonym groups from the admin's snippet, kept per content version (a saved group changes it)."""
    from cms.page_cache import per_version

    return per_version("directory-synonyms", read_synonym_groups)


def read_synonym_groups():
    from search.models import SynonymGroup

    groups = []
    for group in SynonymGroup.objects.all():
        words = [japanese.fold(word) for word in group.word_list()]
        if len(words) > 1:
            groups.append(words)
    return groups


def expansions(word, groups):
    """The word itself and its synonyms: whole-word members of a group, and the word with a member replaced."""
    folded = japanese.fold(word)
    variants = [word]
    for group in groups:
        for member in group:
            if member == folded:
                variants.extend(other for other in group if other != member)
            elif len(member) > 1 and member in folded:
                variants.extend(folded.replace(member, other) for other in group if other != member)
    seen, out = set(), []
    for variant in variants:
        if variant not in seen:
            seen.add(variant)
            out.append(variant)
    return out


def term_for(word, groups, required=True, language="ja"):
    from search import languages

    alternatives = []
    for variant in expansions(word, groups):
        for sequences in languages.query_terms(variant, language):
            for sequence in sequences:
                if sequence not in alternatives:
                    alternatives.append(sequence)
    return Term(word, alternatives, required) if alternatives else None


def parse_keywords(text, groups=None, language="ja"):
    """(terms, intents) of what was typed in the keyword box; the words analysed for documents in ``language``."""
    groups = synonym_groups() if groups is None else groups
    terms, intents = [], []
    for word in unicodedata.normalize("NFKC", text or "").split()[:MAX_TERMS]:
        intent = read_intent(word)
        if intent is not None:
            intents.append(intent)
        term = term_for(word, groups, required=intent is None, language=language)
        if term is not None:
            terms.append(term)
    return terms, intents
