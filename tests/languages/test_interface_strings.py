"""The page chrome in Simplified Chinese, Korean and Vietnamese: the directory, the 生まれたら page and the site search
under /zh-hans/, /ko/ and /vi/ show their labels in the reader's language, not the English source nor the Japanese
catalogue Django falls back to (LANGUAGE_CODE) when a string is missing; and every interface string of the public
templates and the public forms has a translation in each catalogue."""

import ast
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation.template import templatize

from resources_directory.models import DirectoryPage
from tests.languages.conftest import translate

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
CATALOGUES = {"zh-hans": "zh_Hans", "ko": "ko", "vi": "vi"}

# English source → (Japanese, 简体中文, 한국어, Tiếng Việt): a few labels of each page.
DIRECTORY = {
    "Show results": ("結果を表示", "显示结果", "결과 보기", "Xem kết quả"),
    "Open now": ("今開いている", "现在开放", "지금 운영 중", "Đang mở cửa"),
    "Staff speak": ("スタッフが話す言語", "工作人员会说的语言", "직원 사용 언어", "Nhân viên nói tiếng"),
    "Nursing room": ("授乳室", "哺乳室", "수유실", "Phòng cho con bú"),
}
JOURNEY = {
    "Just had a baby": ("赤ちゃんが生まれたら", "宝宝出生后", "아기가 태어났다면", "Vừa sinh em bé"),
    "Show places and programs": (
        "場所と講座を見る",
        "显示场所和活动",
        "장소와 프로그램 보기",
        "Xem địa điểm và chương trình",
    ),
    "Baby&#x27;s birth date or due date": (
        "赤ちゃんの生年月日または出産予定日",
        "宝宝的出生日期或预产期",
        "아기 생년월일 또는 출산 예정일",
        "Ngày sinh hoặc ngày dự sinh của bé",
    ),
    "Use my location": ("現在地を使う", "使用我的位置", "내 위치 사용", "Dùng vị trí của tôi"),
}
SEARCH = {
    "Search this site": ("サイト内検索", "站内搜索", "사이트 검색", "Tìm trong trang"),
    "Type a word into the search box above.": (
        "上の検索欄に言葉を入力してください。",
        "请在上面的搜索框中输入词语。",
        "위 검색창에 검색어를 입력해 주세요.",
        "Hãy nhập từ cần tìm vào ô tìm kiếm ở trên.",
    ),
    "Skip to main content": ("本文へ移動", "跳到正文", "본문으로 건너뛰기", "Chuyển đến nội dung chính"),
}
NOTICE = {
    "This page is available in Japanese only.": (
        "このページは日本語のみです。",
        "本页面仅提供日语版本。",
        "이 페이지는 일본어로만 제공됩니다.",
        "Trang này chỉ có bằng tiếng Nhật.",
    ),
}
COLUMN = {"zh-hans": 1, "ko": 2, "vi": 3}


def assert_in_language(html, labels, code):
    for english, translations in labels.items():
        assert translations[COLUMN[code]] in html, (code, english)
        assert english not in html, (code, english)
        assert translations[0] not in html, (code, english)


@pytest.mark.django_db
@pytest.mark.parametrize("code", CATALOGUES)
def test_directory_journey_and_search_show_their_interface_in_the_readers_language(client, home, code):
    translate(DirectoryPage.objects.child_of(home).get(), code)
    assert_in_language(client.get(f"/{code}/directory/").content.decode(), DIRECTORY, code)
    assert_in_language(client.get(f"/{code}/umaretara/").content.decode(), JOURNEY, code)
    assert_in_language(client.get(f"/{code}/search/").content.decode(), SEARCH, code)
    assert_in_language(client.get(f"/{code}/about/").content.decode(), NOTICE, code)


def catalogue(name):
    return polib.pofile(str(LOCALE_DIR / name / "LC_MESSAGES" / "django.po"))


def in_public_template(entry):
    return any(path.startswith("templates/") and "/admin/" not in path for path, _line in entry.occurrences)


# Modules whose every string is read by families (forms, filters, result cards, weekdays, the age groups).
PUBLIC_MODULES = {
    "bookings/forms.py",
    "bookings/services.py",
    "furigana/views.py",
    "home/business_areas.py",
    "home/filters.py",
    "home/hub_scope.py",
    "home/life_stages.py",
    "home/schedule.py",
    "home/views.py",
    "resources_directory/filters.py",
    "resources_directory/templatetags/directory_tags.py",
    "resources_directory/today.py",
    "resources_directory/views.py",
    "search/directory/query.py",
    "search/directory/staff.py",
    "search/forms.py",
    "search/views.py",
}


def is_public(entry):
    return in_public_template(entry) or any(path in PUBLIC_MODULES for path, _line in entry.occurrences)


def translated(entry):
    if entry.msgid_plural:
        return all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


@pytest.mark.parametrize("name", CATALOGUES.values())
def test_every_public_string_is_translated(name):
    po = catalogue(name)
    assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    public = [entry for entry in po if is_public(entry)]
    assert len(public) > 300  # the catalogue knows the templates' strings (makemessages ran)
    missing = [entry.msgid for entry in public if not translated(entry) or entry.fuzzy]
    assert missing == [], f"{name}: {len(missing)} public strings without a translation"


# Django's own template lexer for makemessages writes each translatable string as a gettext call in Python syntax.
QUOTED = r"""u?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
CALL = re.compile(rf"(?<![\w.])(_|gettext|ngettext|pgettext|npgettext)\(({QUOTED}(?:, {QUOTED})*)")


def public_template_strings():
    """(context, msgid) of every string of the public templates as they are now (not as the catalogue last saw them)."""
    found = set()
    for path in (Path(settings.BASE_DIR) / "templates").rglob("*"):
        if path.suffix not in (".html", ".txt") or "admin" in path.parts:
            continue
        for name, args in CALL.findall(templatize(path.read_text(encoding="utf-8"), origin=str(path))):
            values = ast.literal_eval(f"({args},)")
            found.add((values[0], values[1]) if name.startswith(("p", "np")) else (None, values[0]))
    return found


def test_the_template_reader_finds_the_templates_strings():
    strings = public_template_strings()
    assert (None, "Show results") in strings and (None, "Free") in strings
    assert (None, "%(counter)s place found") in strings
    assert (None, "Add the hub") not in strings  # templates/home/admin/hubs.html


@pytest.mark.parametrize("name", CATALOGUES.values())
def test_every_string_of_the_public_templates_is_translated(name):
    """A string added to a public template fails here until makemessages has run for this language and the string
    is translated."""
    known = {(entry.msgctxt, entry.msgid) for entry in catalogue(name) if translated(entry) and not entry.fuzzy}
    missing = sorted(msgid for context, msgid in public_template_strings() - known)
    assert missing == [], f"{name}: run makemessages (docs/languages.md), then translate {missing}"
