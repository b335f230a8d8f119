from .media import CustomDocument, CustomImage, CustomRendition
from .pages import HomePage, StandardPage
from .program_sessions import ProgramSession, SessionFrequency
from .programs import BookingMethod, ProgramIndexPage, ProgramPage
from .session_dates import SessionDate
from .settings import HubSettings

__all__ = [
    "BookingMethod",
    "CustomDocument",
    "CustomImage",
    "CustomRendition",
    "HomePage",
    "HubSettings",
    "ProgramIndexPage",
    "ProgramPage",
    "ProgramSession",
    "SessionDate",
    "SessionFrequency",
    "StandardPage",
]
