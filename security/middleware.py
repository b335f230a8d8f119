"""Security middleware: CSP per area, per-IP rate limits, two-factor enforcement, friendly 503 on backend faults."""

import logging
import time

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from security.two_factor import needs_two_factor

logger = logging.getLogger(__name__)


def client_ip(request):
    """The client's address: REMOTE_ADDR, or the address the trusted proxies (settings.RATELIMIT_PROXY_COUNT) saw."""
    proxies = getattr(settings, "RATELIMIT_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with a looser policy for the Wagtail admin (which ships inline scripts) and a Permissions-Policy."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(tuple(settings.CSP_ADMIN_URL_PREFIXES)):
            update = dict(parts.update or {})
            for directive, values in settings.CSP_ADMIN_UPDATE.items():
                update[directive] = [*update.get(directive, []), *values]
            parts.update = update
            if "frame-ancestors" in settings.CSP_ADMIN_UPDATE:
                # The admin previews pages in a same-origin iframe.
                parts.replace = {
                    **(parts.replace or {}),
                    "frame-ancestors": settings.CSP_ADMIN_UPDATE["frame-ancestors"],
                }
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if getattr(settings, "PERMISSIONS_POLICY", "") and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = settings.PERMISSIONS_POLICY
        return response


class RateLimitMiddleware:
    """Fixed one-minute windows per client IP and path prefix (settings.RATELIMIT_RULES); 429 + Retry-After."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(settings, "RATELIMIT_ENABLED", True):
            for prefix, per_minute in settings.RATELIMIT_RULES:
                if request.path_info.startswith(prefix):
                    limited = self.over_limit(request, prefix, per_minute)
                    if limited:
                        return limited
                    break
        return self.get_response(request)

    def over_limit(self, request, prefix, per_minute):
        now = time.time()
        window = int(now // 60)
        key = f"ratelimit:{prefix}:{client_ip(request)}:{window}"
        cache.add(key, 0, timeout=61)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=61)
            count = 1
        if count <= per_minute:
            return None
        retry_after = max(1, int((window + 1) * 60 - now))
        body = render_to_string("security/429.html", {"retry_after": retry_after}, request=None)
        response = _response(body, status=429)
        response["Retry-After"] = str(retry_after)
        response["Cache-Control"] = "no-store"
        return response


def _response(body, status):
    from django.http import HttpResponse

    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


class TwoFactorRequiredMiddleware:
    """In the admin, users who need a second factor are sent to /admin/two-factor/ until they have verified one."""

    exempt_suffixes = ("login/", "logout/", "two-factor/", "jsi18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        for prefix in settings.TWO_FACTOR_URL_PREFIXES:
            if path.startswith(prefix):
                rest = path[len(prefix) :]
                if not rest.startswith(self.exempt_suffixes):
                    refused = self.refuse_unverified(request)
                    if refused:
                        return refused
                break
        return self.get_response(request)

    def refuse_unverified(self, request):
        user = request.user
        if not user.is_authenticated or user.is_verified() or not needs_two_factor(user):
            return None
        if request.method in ("GET", "HEAD") and request.headers.get("x-requested-with") != "XMLHttpRequest":
            return redirect(reverse("security_two_factor") + "?" + urlencode({"next": request.get_full_path()}))
        return HttpResponseForbidden(_("Two-factor verification is required."))


def _search_engine_errors():
    errors = []
    for module, name in (
        ("elasticsearch", "ConnectionError"),
        ("elasticsearch", "TransportError"),
        ("opensearchpy", "ConnectionError"),
        ("opensearchpy", "TransportError"),
    ):
        try:
            errors.append(getattr(__import__(module, fromlist=[name]), name))
        except (ImportError, AttributeError):
            continue
    return tuple(errors)


class ServiceUnavailableMiddleware:
    """A database or search-engine failure becomes a short Japanese 503 page (no traceback, no DB access)."""

    backend_errors = (DatabaseError, *_search_engine_errors())

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, self.backend_errors):
            return None
        logger.error("Backend failure on %s", request.path, exc_info=exception)
        response = _response(render_to_string("security/503.html"), status=503)
        response["Retry-After"] = "60"
        response["Cache-Control"] = "no-store"
        return response
