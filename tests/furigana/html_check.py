"""Checks a page's HTML with the standard library's parser: elements nest, ruby is well formed and only where HTML
allows it, and the ruby page is the plain page plus ruby (nothing else changed)."""

import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
# End tags HTML lets a page leave out (closed by their parent's end tag).
OPTIONAL_END = {"p", "li", "option", "dt", "dd", "tr", "td", "th", "rt", "rp", "thead", "tbody", "colgroup"}
# Elements whose content is text only, or not page text: never any ruby inside.
NO_RUBY_INSIDE = {"title", "option", "select", "textarea", "script", "style", "code", "rt", "ruby", "svg"}
KANA_ONLY = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u30fc]+")
RUBY = re.compile(r"<ruby>(.*?)<rt>(.*?)</rt></ruby>", re.S)
CSRF_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")  # masked afresh on every answer


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.html_lang = [], [], None
        self.in_rt, self.ruby_base = False, ""

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.html_lang = dict(attrs).get("lang")
        if tag == "ruby":
            blocked = [name for name in self.stack if name in NO_RUBY_INSIDE]
            if blocked:
                self.errors.append(f"<ruby> inside <{blocked[-1]}>")
            self.ruby_base = ""
        if tag == "rt":
            if not self.stack or self.stack[-1] != "ruby":
                self.errors.append("<rt> outside <ruby>")
            elif not self.ruby_base.strip():
                self.errors.append("<ruby> without base text")
            self.in_rt = True
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        if tag not in VOID and tag not in ("path", "circle", "rect", "use"):
            self.errors.append(f"self-closing <{tag}/>")

    def handle_endtag(self, tag):
        if tag in VOID:
            self.errors.append(f"end tag of void <{tag}>")
            return
        if tag not in self.stack:
            self.errors.append(f"stray </{tag}>")
            return
        while self.stack[-1] != tag:
            open_tag = self.stack.pop()
            if open_tag not in OPTIONAL_END:
                self.errors.append(f"</{tag}> closes <{open_tag}>")
        self.stack.pop()
        if tag == "rt":
            self.in_rt = False

    def handle_data(self, data):
        if self.in_rt and not KANA_ONLY.fullmatch(data):
            self.errors.append(f"<rt> not in kana: {data!r}")
        elif self.stack and self.stack[-1] == "ruby":
            self.ruby_base += data


def html_errors(html):
    """Parse errors of the page (an empty list for a valid page)."""
    checker = Checker()
    checker.feed(html)
    checker.close()
    errors = list(checker.errors)
    if checker.html_lang != "ja":
        errors.append(f'<html lang="{checker.html_lang}">')
    left = [tag for tag in checker.stack if tag not in OPTIONAL_END | {"html", "body", "head"}]
    if left:
        errors.append(f"never closed: {left}")
    return errors


def without_ruby(html):
    """The page with each ``<ruby>base<rt>reading</rt></ruby>`` back to its base text (and CSRF tokens blanked)."""
    return CSRF_TOKEN.sub("", RUBY.sub(r"\1", html))


def readings(html):
    """{base text: reading} of the page's ruby."""
    return dict(RUBY.findall(html))
