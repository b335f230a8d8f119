"""Whether a request asks for furigana: ``?furigana=1`` (or ``0``) on the address, else the ``furigana`` cookie set by
the ルビ link in the header (``furigana.views.toggle``). Read once per request; the page cache keys on it too."""

from urllib.parse import urlencode, urlsplit, urlunsplit

from django.http import QueryDict

PARAM = "furigana"
COOKIE = "furigana"
ON, OFF = "1", "0"


def wants_furigana(request):
    if not hasattr(request, "_furigana"):
        value = request.GET.get(PARAM)
        request._furigana = value == ON if value in (ON, OFF) else request.COOKIES.get(COOKIE) == ON
    return request._furigana


def without_param(url):
    """The address without ``furigana=…`` (the link that turns furigana off must not lead back to ``?furigana=1``)."""
    parts = urlsplit(url)
    query = QueryDict(parts.query, mutable=True)
    if PARAM not in query:
        return url
    query.pop(PARAM)
    return urlunsplit(parts._replace(query=query.urlencode()))


def toggle_url(request):
    """Where the ルビ link leads: the switch, then back to this page."""
    from django.urls import reverse

    query = urlencode({"on": OFF if wants_furigana(request) else ON, "next": without_param(request.get_full_path())})
    return f"{reverse('furigana:toggle')}?{query}"
