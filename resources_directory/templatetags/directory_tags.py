"""Fields, result cards and age ranges of the directory pages, drawn in Python.

The directory search page draws a dozen form fields (some with dozens of checkboxes) and twenty result cards on
every search; through Django's widget templates and includes that was most of the page's CPU. These tags write
the same markup directly. Category and area choices come from ``resources_directory.choices`` (kept per process
while the content version is unchanged) instead of a query per field per request.
"""

from django import template
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from resources_directory.choices import snippet_choices
from resources_directory.models.live import LiveState, closure_text
from search.directory.hubs import hub_label

register = template.Library()

SNIPPET_FIELDS = {"category": "category", "area": "area", "near_area": "area"}


def field_choices(bound, context):
    """(value, label) pairs of a choice field; category and area lists from the per-process choices."""
    source = SNIPPET_FIELDS.get(bound.name)
    if source is None or not hasattr(bound.field, "queryset"):
        return [(str(value), str(label)) for value, label in bound.field.choices]
    request = context.get("request")
    choices = snippet_choices(getattr(request, "content_version", None))[source]
    empty_label = getattr(bound.field, "empty_label", None)
    if empty_label is not None and not getattr(bound.field.widget, "allow_multiple_selected", False):
        return [("", str(empty_label)), *choices]
    return choices


def selected_values(bound):
    value = bound.value()
    if value is None:
        return set()
    if isinstance(value, list | tuple):
        return {str(getattr(item, "pk", item)) for item in value}
    return {str(value)}


def widget_attrs(bound):
    widget = bound.field.widget
    attrs = bound.build_widget_attrs(dict(widget.attrs), widget)
    if bound.auto_id:
        attrs.setdefault("id", bound.auto_id)
    return attrs


def input_html(bound):
    widget = bound.field.widget
    attrs = {"type": widget.input_type, "name": bound.html_name}
    value = widget.format_value(bound.value())
    if value is not None and widget.input_type != "password":
        attrs["value"] = value
    attrs.update(widget_attrs(bound))
    return format_html("<input{}>", flatatt(attrs))


def checkbox_html(bound):
    attrs = {"type": "checkbox", "name": bound.html_name}
    value = bound.value()
    if bound.field.widget.check_test(value):
        attrs["checked"] = True
    if value not in (True, False, None, ""):
        attrs["value"] = str(value)
    attrs.update(widget_attrs(bound))
    return format_html("<input{}>", flatatt(attrs))


def select_html(bound, context):
    chosen = selected_values(bound)
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, mark_safe(" selected") if str(value) in chosen else "", label)
            for value, label in field_choices(bound, context)
        ),
    )
    return format_html("<select{}>{}</select>", flatatt({"name": bound.html_name, **widget_attrs(bound)}), options)


def checkbox_list_html(bound, context):
    chosen = selected_values(bound)
    base_id = bound.auto_id
    boxes = format_html_join(
        "",
        '<div><label for="{0}_{1}"><input type="checkbox" name="{2}" value="{3}" id="{0}_{1}"{4}> {5}</label></div>',
        (
            (base_id, number, bound.html_name, value, mark_safe(" checked") if str(value) in chosen else "", label)
            for number, (value, label) in enumerate(field_choices(bound, context))
        ),
    )
    return format_html('<div id="{}">{}</div>', base_id, boxes)


def errors_html(bound, prefix):
    return format_html_join("", prefix + "{}</span>", ((error,) for error in bound.errors))


@register.simple_tag(takes_context=True)
def directory_field(context, bound):
    """One form field with its label and errors (the markup of includes/field.html, without its templates)."""
    kind = bound.widget_type
    css = "field field--error" if bound.errors else "field"
    if kind == "checkboxselectmultiple":
        body = format_html(
            "<fieldset><legend>{}{}</legend>{}</fieldset>",
            bound.label,
            errors_html(bound, '<span class="field-error"> '),
            checkbox_list_html(bound, context),
        )
    elif kind == "checkbox":
        body = format_html('{} <label for="{}">{}</label>', checkbox_html(bound), bound.id_for_label, bound.label)
    else:
        errors = ""
        if bound.errors:
            errors = format_html(
                '<span class="field-error">{}</span>', format_html_join("", " {}", ((e,) for e in bound.errors))
            )
        control = select_html(bound, context) if kind == "select" else input_html(bound)
        body = format_html('<label for="{}">{}{}</label>\n{}', bound.id_for_label, bound.label, errors, control)
    return format_html('<div class="{}">{}</div>', css, body)


@register.simple_tag
def age_range(page):
    """The target ages of a listing in words (also used by includes/ages.html)."""
    low, high = page.min_age_months, page.max_age_months
    if low is None and high is None:
        return _("Any age")
    if high is None:
        return _("From %(low)s months") % {"low": low}
    if low is None:
        return _("Up to %(high)s months (and expectant parents)") % {"high": high}
    return _("%(low)s to %(high)s months") % {"low": low, "high": high}


CARD_LABELS = (
    "Distance",
    "Next opening",
    "Category",
    "Area",
    "Ages",
    "Booking",
    "Booking needed",
    "Just drop in",
    "Fee",
    "Free",
    "Amenities",
    "Not checked recently: please confirm before you go.",
    "No date in the next two months",
    "Hub",
    "Another ward's hub:",
)
_card_labels = {}


def card_labels():
    """The card's fixed words in the current language, escaped once per process and language."""
    language = get_language()
    labels = _card_labels.get(language)
    if labels is None:
        labels = _card_labels[language] = {label: escape(_(label)) for label in CARD_LABELS}
    return labels


def next_opening_text(opening, labels):
    if not opening:
        return labels["No date in the next two months"]
    start, end = (timezone.localtime(moment) for moment in opening)
    return escape(f"{format_date(start, 'n/j (D) H:i')}–{format_date(end, 'H:i')}")


@register.simple_tag(takes_context=True)
def listing_card(context, item):
    """One result card (``<li class="listing">``): name, distance, next opening and the listing's key facts.

    Twenty of them on every search: plain string building with the fixed words looked up once (``card_labels``).
    """
    labels = card_labels()
    facts = []
    if item.distance_km is not None:
        facts.append((labels["Distance"], escape(_("%(km)s km") % {"km": f"{item.distance_km:.1f}"})))
    facts.append((labels["Next opening"], next_opening_text(item.next_open, labels)))
    categories = item.categories.all()
    if categories:
        facts.append((labels["Category"], escape("、".join(category.name for category in categories))))
    if item.area:
        facts.append((labels["Area"], escape(item.area.name)))
    facts.append((labels["Ages"], escape(age_range(item))))
    facts.append((labels["Booking"], labels["Booking needed" if item.booking_required else "Just drop in"]))
    facts.append((labels["Fee"], escape(item.fee) if item.fee else labels["Free"]))
    if item.amenities:
        facts.append((labels["Amenities"], escape("、".join(str(label) for label in item.amenity_labels))))
    result = context.get("result")
    hub = getattr(item, "hub", None)
    badge = ""
    if hub is not None and getattr(result, "shows_hubs", False):
        facts.append((labels["Hub"], escape(hub_label(hub))))
        home = result.home_hub
        if home is not None and hub.pk != home.pk:  # on a hub's page: a place of another ward's hub
            other = labels["Another ward's hub:"]
            badge = (
                f' <span class="hub-badge"><span class="visually-hidden">{other} </span>'
                f"{escape(hub.ward or hub.hub_name)}</span>"
            )
    today = live_status_html(item) + closure_html(item)
    url = getattr(item, "page_url", None) or item.get_url(request=context.get("request"))
    kana = f' <span class="kana">（{escape(item.kana)}）</span>' if item.kana else ""
    stale = (
        f'<p class="stale">{labels["Not checked recently: please confirm before you go."]}</p>' if item.is_stale else ""
    )
    return mark_safe(
        f'<li class="listing" id="listing-{int(item.pk)}">\n'
        f'  <h3 class="listing__name"><a href="{escape(url)}">{escape(item.title)}</a>{kana}{badge}</h3>\n'
        f"  {today}\n"
        f'  <dl class="facts">{"".join(f"<div><dt>{term}</dt><dd>{value}</dd></div>" for term, value in facts)}</dl>\n'
        f"  {stale}\n</li>"
    )


@register.simple_tag
def live_status_html(item):
    """The status shown now, as a line of its own (the card, the listing page), or ""."""
    live = getattr(item, "live", None)
    if not live:
        return ""
    status = live[0]
    note = f' <span class="live-status__note">{escape(status.note)}</span>' if status.note else ""
    set_at = _("updated %(time)s") % {"time": f"{timezone.localtime(status.set_at):%H:%M}"}
    return format_html(
        '<p class="live-status live-status--{}"><strong>{}</strong>{} <span class="live-status__time">{}</span></p>',
        status.state,
        LiveState(status.state).label,
        mark_safe(note),
        set_at,
    )


@register.filter(name="closure_text")
def closure_text_filter(closure):
    return closure_text(closure)


@register.simple_tag
def closure_html(item):
    """「12/29〜1/3 休館（年末年始）」: the coming closure (the place's own or its hub's), or ""."""
    closure = getattr(item, "coming_closure", None)
    if closure is None:
        return ""
    return format_html('<p class="closure-note">{}</p>', closure_text(closure))


def active_filters(form):
    """Labels of the filters a valid search form has on (the keyword box aside), in the form's order."""
    if form.errors or not hasattr(form, "cleaned_data"):
        return []
    data = form.cleaned_data
    labels = []
    if data.get("age_months") is not None:
        labels.append(_("%(months)s months") % {"months": data["age_months"]})
    if data.get("weekday") not in (None, ""):
        weekdays = {str(value): label for value, label in form.fields["weekday"].choices}
        labels.append(str(weekdays.get(str(data["weekday"]), data["weekday"])))
    for name in ("open_this_week", "open_now"):
        if data.get(name):
            labels.append(str(form.fields[name].label))
    labels += [category.name for category in data.get("category") or []]
    labels += [area.name for area in data.get("area") or []]
    amenities = dict(form.fields["amenity"].choices)
    labels += [str(amenities.get(key, key)) for key in data.get("amenity") or []]
    staff = dict(form.fields["lang_staff"].choices)
    labels += [_("Staff speak %(language)s") % {"language": staff[key]} for key in data.get("lang_staff") or []]
    if data.get("lat") is not None and data.get("lng") is not None:
        labels.append(_("Near your location"))
    elif data.get("postal_code"):
        labels.append(_("Near %(place)s") % {"place": data["postal_code"]})
    elif data.get("near_area"):
        labels.append(_("Near %(place)s") % {"place": data["near_area"].name})
    if data.get("radius_km"):
        labels.append(_("Within %(km)s km") % {"km": f"{data['radius_km']:g}"})
    return labels


@register.simple_tag
def filter_summary(form):
    """The text of the filters' <summary>: 「絞り込み: 3か月 · 水曜 · 授乳室」, or 「絞り込み」 when none is on."""
    labels = active_filters(form)
    if not labels:
        return _("Filters")
    return _("Filters: %(filters)s") % {"filters": " · ".join(labels)}


@register.simple_tag
def hub_scope(result):
    """「港南区の拠点の場所です」 or 「すべての区の拠点の場所です」: which hubs the results come from."""
    if result.all_hubs:
        return _("Places of every ward's hub.")
    names = "、".join(hub_label(hub) for hub in result.hubs)
    return _("Places of %(hubs)s.") % {"hubs": names}


@register.simple_tag
def applied_filters(labels):
    """「授乳室 で絞り込みました」: the filters the keyword box's words were read as."""
    return _("Narrowed to: %(filters)s") % {"filters": " · ".join(str(label) for label in labels)}
