from resources_directory.models.freshness import FreshnessReminder, ReminderAnswer
from resources_directory.models.hours import Closure, OpeningHours
from resources_directory.models.live import HubClosure, LiveState, LiveStatus
from resources_directory.models.pages import AMENITIES, DirectoryPage, ListingPage
from resources_directory.models.snippets import Area, Category

__all__ = [
    "AMENITIES",
    "Area",
    "Category",
    "Closure",
    "DirectoryPage",
    "FreshnessReminder",
    "HubClosure",
    "ListingPage",
    "LiveState",
    "LiveStatus",
    "OpeningHours",
    "ReminderAnswer",
]
