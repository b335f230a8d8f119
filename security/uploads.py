"""Upload checks by content, not by name: the image and document form bases Wagtail uses (settings.*_FORM_BASE)."""

import zipfile

from django import forms
from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

HEAD_BYTES = 4096
MARKUP_MARKERS = (b"<svg", b"<!doctype", b"<html", b"<script", b"<?xml", b"<body", b"<iframe")


def _head(uploaded, size=HEAD_BYTES):
    uploaded.seek(0)
    head = uploaded.read(size)
    uploaded.seek(0)
    return head


def sniff_image(head):
    """The image format the leading bytes declare (JPEG, PNG, WEBP, AVIF) or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis"):
        return "AVIF"
    return None


def looks_like_markup(head):
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return any(marker in lowered[:1024] for marker in MARKUP_MARKERS)


def check_image(uploaded):
    """Refuse anything but real JPEG/PNG/WebP/AVIF; Pillow reads only the header (no decoding, so bombs stay cheap)."""
    head = _head(uploaded)
    kind = sniff_image(head)
    if kind is None or looks_like_markup(head):
        raise forms.ValidationError(
            _("This file is not a JPEG, PNG, WebP or AVIF image (SVG and other formats are not accepted)."),
            code="image_type",
        )
    uploaded.seek(0)
    try:
        with PILImage.open(uploaded) as image:
            width, height = image.size
            pil_format = image.format
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise forms.ValidationError(_("This image has too many pixels."), code="image_pixels") from None
    except Exception:  # noqa: BLE001 - any parser failure means the file is not a usable image
        if kind != "AVIF":  # Pillow may lack an AVIF decoder; the signature check stands.
            raise forms.ValidationError(_("This image file is damaged or incomplete."), code="image_broken") from None
        width = height = 0
        pil_format = kind
    finally:
        uploaded.seek(0)
    if pil_format and pil_format.upper() not in (kind, "MPO" if kind == "JPEG" else kind):
        raise forms.ValidationError(_("The image content does not match its format."), code="image_type")
    max_pixels = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 40_000_000)
    if width * height > max_pixels:
        raise forms.ValidationError(
            _("This image has %(pixels)s pixels; the limit is %(limit)s.")
            % {"pixels": width * height, "limit": max_pixels},
            code="image_pixels",
        )


OFFICE_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
ODF_MIMETYPES = {"odt": b"application/vnd.oasis.opendocument.text"}
TEXT_ENCODINGS = ("utf-8-sig", "cp932")


def _extension(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_document(uploaded):
    """Refuse documents whose content does not match a permitted type (PDF, Office, ODF, CSV/text)."""
    max_size = getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)
    if max_size and uploaded.size > max_size:
        raise forms.ValidationError(
            _("This file is too big (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(max_size)},
            code="document_size",
        )
    extension = _extension(uploaded.name)
    if extension not in settings.WAGTAILDOCS_EXTENSIONS:
        raise forms.ValidationError(_("Documents of this type are not accepted."), code="document_type")
    head = _head(uploaded)
    if extension == "pdf":
        ok = head.startswith(b"%PDF-")
    elif extension in OFFICE_PARTS or extension in ODF_MIMETYPES:
        ok = _check_zip_document(uploaded, extension)
    else:  # csv, txt
        ok = b"\x00" not in head and not looks_like_markup(head) and _decodes(head)
    if not ok:
        raise forms.ValidationError(
            _("The content of this file does not match its “.%(extension)s” type.") % {"extension": extension},
            code="document_type",
        )


def _decodes(head):
    for encoding in TEXT_ENCODINGS:
        try:
            head.decode(encoding)
        except UnicodeDecodeError as error:
            if error.start >= len(head) - 3:  # a multibyte character cut by the read limit
                return True
            continue
        return True
    return False


def _check_zip_document(uploaded, extension):
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = archive.namelist()
            if extension in ODF_MIMETYPES:
                return "mimetype" in names and archive.read("mimetype").strip() == ODF_MIMETYPES[extension]
            return "[Content_Types].xml" in names and any(name.startswith(OFFICE_PARTS[extension]) for name in names)
    except (zipfile.BadZipFile, OSError, KeyError):
        return False
    finally:
        uploaded.seek(0)


class SafeImageField(WagtailImageField):
    """Wagtail's image field with the content check first, and parser failures turned into form errors."""

    def to_python(self, data):
        if data is not None and hasattr(data, "read") and not isinstance(data, FieldFile):
            check_image(data)
        try:
            return super().to_python(data)
        except (OSError, SyntaxError, ValueError):
            raise forms.ValidationError(_("This image file is damaged or incomplete."), code="image_broken") from None


class SafeImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if isinstance(self.fields.get("file"), WagtailImageField):
            self.fields["file"].__class__ = SafeImageField


class SafeDocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and uploaded is not self.original_file and hasattr(uploaded, "read"):
            check_document(uploaded)
        return uploaded
