"""Ruby over the text of a rendered HTML page: every text node of Japanese content, nothing else.

The page is read as a stream of tags and text (not parsed into a tree and written out again), so everything but the
changed text nodes comes out byte for byte: attribute values (links keep their ``href``), comments, the doctype.

Text is left alone inside elements whose content is not page text or may not hold ruby: ``script``, ``style``,
``title``, ``textarea``, ``select``/``option`` (form values), ``code``/``kbd``/``samp``/``pre``, existing ``ruby``
(and ``rt``/``rp``), ``svg``/``math``, ``template``, ``noscript``, and any element marked ``translate="no"``. Only
text whose language (the nearest ``lang`` attribute, ``<html lang="ja">`` on Japanese pages) is Japanese gets ruby,
so an English page, or an English passage in a Japanese page, is unchanged.
"""

import re

from furigana.readings import HAS_KANJI, NO_CORRECTIONS, with_ruby

TOKEN = re.compile(
    r"<!--.*?-->|<![^>]*>|<\?[^>]*>|<(/?)([A-Za-z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.S,
)
ATTRIBUTE = re.compile(r"""\s(lang|translate)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)
VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()  # noqa: SIM905
)
# Their content is kept as written up to their end tag (raw text and escapable raw text).
RAW = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"})
SKIPPED = frozenset(
    "select option optgroup datalist code kbd samp pre var ruby rt rp rb rtc svg math template noscript "  # noqa: SIM905
    "object canvas head".split()
)
# A start tag of the key closes an open element of the value (option after option, rt after rp).
IMPLIED_END = {"option": {"option"}, "optgroup": {"option", "optgroup"}, "rt": {"rt", "rp"}, "rp": {"rt", "rp"}}


def is_japanese(lang):
    return lang.strip().lower().split("-")[0] == "ja"


class Element:
    __slots__ = ("name", "japanese", "skipped")

    def __init__(self, name, japanese, skipped):
        self.name, self.japanese, self.skipped = name, japanese, skipped


def _opened(name, attributes, parent):
    japanese, skipped = parent.japanese, parent.skipped or name in SKIPPED
    if "=" in attributes:
        for match in ATTRIBUTE.finditer(attributes):
            key, value = match.group(1).lower(), next(v for v in match.group(2, 3, 4) if v is not None)
            if key == "lang":
                japanese = is_japanese(value)
            elif value.strip().lower() == "no":
                skipped = True
    return Element(name, japanese, skipped)


def _closed(stack, name):
    for depth in range(len(stack) - 1, 0, -1):
        if stack[depth].name == name:
            del stack[depth:]
            return


def add_ruby(html, corrections=NO_CORRECTIONS):
    """The page with ruby over the kanji of its Japanese text nodes (a page without kanji comes back as it was)."""
    if not HAS_KANJI.search(html):
        return html
    stack = [Element("#document", False, False)]
    out = []
    position = 0
    while True:
        match = TOKEN.search(html, position)
        end = match.start() if match else len(html)
        if end > position:
            text = html[position:end]
            top = stack[-1]
            out.append(with_ruby(text, corrections) if top.japanese and not top.skipped else text)
        if match is None:
            break
        out.append(match.group(0))
        position = match.end()
        closing, name, attributes = match.group(1, 2, 3)
        if name is None:  # comment, doctype
            continue
        name = name.lower()
        if closing:
            _closed(stack, name)
            continue
        if stack[-1].name in IMPLIED_END.get(name, ()):
            stack.pop()
        if name in RAW:
            close = re.compile(rf"</{name}[\s/>]", re.I).search(html, position)
            raw_end = close.start() if close else len(html)
            out.append(html[position:raw_end])
            position = raw_end
            continue
        if name not in VOID and not attributes.rstrip().endswith("/"):
            stack.append(_opened(name, attributes, stack[-1]))
    return "".join(out)
