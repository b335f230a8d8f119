from .media import CustomDocument, CustomImage, CustomRendition
from .pages import HomePage, ProgramIndexPage, StandardPage
from .settings import HubSettings

__all__ = [
    "CustomDocument",
    "CustomImage",
    "CustomRendition",
    "HomePage",
    "HubSettings",
    "ProgramIndexPage",
    "StandardPage",
]
