"""wagtail-localize's "Translate this page" and "Sync translated pages" buttons, shown only where they work.

wagtail-localize offers them on every page to anyone with its global ``submit_translation`` permission, so an editor
saw them on an evaluation document (a Japanese-only official record: the route answers 404) and on pages they
cannot edit (refused). Its hook is replaced by one that yields the same buttons only when the user may translate the
page (``languages.admin_routes.may_translate``: the right to edit it, and not Japanese-only). Wagtail has no hook to
change another app's page header buttons, so the replaced function is taken off Wagtail's hook list, as
``wagtail.hooks.register_temporarily`` does.
"""

from wagtail import hooks
from wagtail_localize import wagtail_hooks as localize_hooks

from languages.admin_routes import may_translate

PAGE_BUTTON_HOOKS = ("register_page_header_buttons", "register_page_listing_more_buttons")


def translate_buttons(page, user, view_name=None, next_url=None):
    if page.is_root() or not may_translate(user, page):
        return []
    return localize_hooks.page_listing_more_buttons(page, user, view_name=view_name, next_url=next_url)


for hook_name in PAGE_BUTTON_HOOKS:
    registered = hooks._hooks.get(hook_name, [])
    registered[:] = [(fn, order) for fn, order in registered if fn is not localize_hooks.page_listing_more_buttons]
    hooks.register(hook_name, translate_buttons)
