from .media import CustomDocument, CustomImage, CustomRendition
from .pages import HomePage, StandardPage
from .program_sessions import ProgramSession, SessionFrequency
from .programs import Booking, ProgramIndexPage, ProgramPage
from .settings import HubSettings

__all__ = [
    "Booking",
    "CustomDocument",
    "CustomImage",
    "CustomRendition",
    "HomePage",
    "HubSettings",
    "ProgramIndexPage",
    "ProgramPage",
    "ProgramSession",
    "SessionFrequency",
    "StandardPage",
]
