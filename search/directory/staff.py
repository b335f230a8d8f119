"""The languages a place's staff speak: keys read from the listing's free-text ``languages`` field.

Editors write what they like (「日本語、English、中文」, "Japanese / Korean", 「ベトナム語」); each part that names a
known language becomes its key (``ja``, ``en``, ``zh``, ``ko``, ``vi``, ``tl``, ``ne``, ``pt``, ``es``) in the
listing's search document, and ``lang_staff=<key>`` (repeatable: any of) filters the directory. Parts that name no
known language are ignored (they still show on the listing page).
"""

import re
import unicodedata

from django.utils.translation import gettext_lazy as _

STAFF_LANGUAGES = {
    "ja": _("Japanese"),
    "en": _("English"),
    "zh": _("Chinese"),
    "ko": _("Korean"),
    "vi": _("Vietnamese"),
    "tl": _("Filipino (Tagalog)"),
    "ne": _("Nepali"),
    "pt": _("Portuguese"),
    "es": _("Spanish"),
}
_NAMES = {
    "ja": ["ja", "japanese", "日本語", "にほんご", "やさしい日本語", "やさしいにほんご"],
    "en": ["en", "english", "英語", "えいご"],
    "zh": ["zh", "chinese", "mandarin", "中国語", "中文", "汉语", "漢語", "普通话", "简体中文", "繁體中文", "華語"],
    "ko": ["ko", "korean", "韓国語", "한국어", "朝鮮語", "ハングル"],
    "vi": ["vi", "vietnamese", "ベトナム語", "tiếng việt", "tieng viet"],
    "tl": ["tl", "fil", "tagalog", "filipino", "タガログ語", "フィリピン語", "フィリピノ語"],
    "ne": ["ne", "nepali", "ネパール語", "नेपाली"],
    "pt": ["pt", "portuguese", "ポルトガル語", "português"],
    "es": ["es", "spanish", "スペイン語", "español"],
}
_KEY_BY_NAME = {unicodedata.normalize("NFKC", name).lower(): key for key, names in _NAMES.items() for name in names}
_SEPARATORS = re.compile(r"[,、，;；/／・|]+|\s+(?:and|&|und)\s+|\n")


def staff_language_keys(text):
    """The keys of the languages named in ``text``, in STAFF_LANGUAGES order."""
    found = set()
    for part in _SEPARATORS.split(unicodedata.normalize("NFKC", text or "").lower()):
        name = re.sub(r"[()（）「」]", " ", part).strip()
        key = _KEY_BY_NAME.get(name)
        if key is None:  # "English (some)", "中文(普通话)": the first word names it
            key = _KEY_BY_NAME.get(name.split()[0]) if name.split() else None
        if key is not None:
            found.add(key)
    return [key for key in STAFF_LANGUAGES if key in found]


def choices():
    return list(STAFF_LANGUAGES.items())
