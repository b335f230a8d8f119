"""What a web page adds to or changes in the document, undone before parsing.

* site chrome: a skip link, menu items and a breadcrumb before the document, download links
  (``R3年度利用者アンケート`` + ``(2019-03-22・1440KB)``), and the footer (from a line such as
  ``このページへのお問合せ`` to the end). These lines are skipped and listed, never parsed.
* labels broken over two lines as narrow table cells print them (``取組の`` / ``成果 …``): joined.
* the simplified web version: goals as ``1. …`` under a bare ``重点目標`` label, and under 取組内容 etc. group lines
  ``1.`` (or ``1. <the goal>``) followed by ``  • …`` or ①②③ items: rewritten as 重点目標1 … markers.
"""

import re

from goals.importer.labels import BULLETS, CIRCLED, GOALS_RE, LABEL_RE, LABELS, WS, squash

# A line that opens the document: a label, a goals line, or a heading of the document.
HEADING_RE = re.compile(r"重点目標|地域子育て支援拠点事業")
SKIP_LINK_RE = re.compile(
    r"^(?:(?:本文|メインコンテンツ|コンテンツ)(?:へ|に)(?:スキップ|移動)|ここから本文|本文ここまで|skip to)", re.I
)
# (2019-03-22・1440KB), (PDF：200KB), （エクセル：35KB）
SIZE_RE = re.compile(r"^[(（][^()（）]{0,40}?\d+(?:[.,]\d+)?\s*[KMG]?B(?:yte)?[)）]$", re.I)
FOOTER_MARKERS = (
    "このページへのお問合せ",
    "このページへのお問い合わせ",
    "このページに関するお問い合わせ",
    "お問い合わせ先",
    "このページの情報は役に立ちましたか",
    "このページを見ている人は",
    "ページの先頭へ",
    "ページの先頭に戻る",
    "ページトップへ",
    "前のページに戻る",
    "サイトマップ",
    "ページID",
    "Copyright",
    "©",
    "(C)",
    "PDFファイルをご覧いただくには",
    "PDF形式のファイルを開くには",
)
MENU_MAX = 60  # a line before the document this short, without 。, is a menu item or a breadcrumb


def opens_document(text):
    return bool(LABEL_RE.match(text) or GOALS_RE.match(text) or HEADING_RE.search(text))


def is_footer(text):
    key = squash(text)
    return len(key) <= 40 and any(key.lower().startswith(marker.lower()) for marker in FOOTER_MARKERS)


def strip_site_chrome(lines):
    """(kept lines, skipped lines) of [(line number, text)]: chrome before, inside and after the document."""
    kept, skipped = [], []
    start = next((index for index, (_n, text) in enumerate(lines) if opens_document(text)), None)
    if start is None:
        return lines, []
    for number, text in lines[:start]:
        if text.strip() and len(text.strip()) <= MENU_MAX and "。" not in text:
            skipped.append((number, text.strip()))
        else:
            kept.append((number, text))
    following = lines[start:]
    for index, (number, text) in enumerate(following):
        stripped = text.strip()
        if is_footer(stripped):
            skipped += [(n, t.strip()) for n, t in following[index:] if t.strip()]
            break
        next_line = next((t.strip() for _n, t in following[index + 1 :] if t.strip()), "")
        is_link = SIZE_RE.match(next_line) and len(stripped) <= MENU_MAX and not LABEL_RE.match(stripped)
        if SKIP_LINK_RE.match(stripped) or SIZE_RE.match(stripped) or is_link:
            skipped.append((number, stripped))
        else:
            kept.append((number, text))
    return kept, skipped


def join_split_labels(lines):
    """取組の / 成果 …, 事業の評価実施方法及び / 評価結果の公表方法: a label broken over two lines → one line."""
    merged, skip = [], False
    for index, (number, text) in enumerate(lines):
        if skip:
            skip = False
            continue
        key = squash(text)
        if (
            len(key) >= 2
            and index + 1 < len(lines)
            and key not in LABELS
            and not GOALS_RE.match(text)
            and any(label.startswith(key) and label != key for label in LABELS)
        ):
            candidate = key + lines[index + 1][1].lstrip(" \t\u3000")
            if LABEL_RE.match(candidate):
                merged.append((number, candidate))
                skip = True
                continue
        merged.append((number, text))
    return merged


NUMBERED_RE = re.compile(rf"^([0-9０-９]{{1,2}}|[{CIRCLED}])(?:[.．、)）]|(?<=[{CIRCLED}])){WS}*(.*)$")
ITEM_RE = re.compile(rf"^{WS}*(?:[{re.escape(BULLETS)}{CIRCLED}]|[0-9０-９]{{1,2}}[.．)）]{WS})")
GROUP_RE = re.compile(rf"^([0-9０-９]{{1,2}})[.．、)）]{WS}*(.*)$")
MARKER_RE = re.compile(r"重点目標\s*[(（]?[0-9０-９]")


def _number(text):
    from unicodedata import normalize

    return CIRCLED.index(text) + 1 if text in CIRCLED else int(normalize("NFKC", text))


def number_goal_lines(parts):
    """Under a bare 重点目標 label: '1. goal' lines → '重点目標1 goal' (other lines continue the goal above)."""
    if MARKER_RE.search("\n".join(parts)):
        return parts
    numbered = [NUMBERED_RE.match(part.strip()) for part in parts]
    if not any(numbered):
        return parts
    return [
        f"重点目標{_number(match.group(1))} {match.group(2)}" if match else part
        for part, match in zip(parts, numbered, strict=True)
    ]


def group_item_lines(parts):
    """Under 取組内容 etc.: an unindented '1.' / '1. <goal>' followed by items → '重点目標1'."""
    if MARKER_RE.search("\n".join(parts)):
        return parts
    rewritten = list(parts)
    for index, part in enumerate(parts):
        match = GROUP_RE.match(part)
        following = next((p for p in parts[index + 1 :] if p.strip()), "")
        item_follows = ITEM_RE.match(following) and not re.match("^[0-9０-９]", following)
        if match and not part[:1].isspace() and item_follows:
            rewritten[index] = f"重点目標{_number(match.group(1))}"
    return rewritten
