"""The ルビ link: turn furigana on or off for this browser (a cookie), then back to the page. No JavaScript."""

from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from furigana.mode import COOKIE, OFF, ON, without_param

COOKIE_SECONDS = 365 * 24 * 60 * 60


@require_GET
def toggle(request):
    """GET ?on=1|0&next=<a page of this site>: set or remove the cookie and go back (to / when next is elsewhere)."""
    on = request.GET.get("on")
    if on not in (ON, OFF):
        return HttpResponseBadRequest(
            _("Say on=1 to show furigana or on=0 to hide it."), content_type="text/plain; charset=utf-8"
        )
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(without_param(target))
    if on == ON:
        response.set_cookie(
            COOKIE, ON, max_age=COOKIE_SECONDS, samesite="Lax", httponly=True, secure=request.is_secure()
        )
    else:
        response.delete_cookie(COOKIE, samesite="Lax")
    add_never_cache_headers(response)
    return response
