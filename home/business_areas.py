"""The seven business areas (事業の内容) every hub reports on (see /work/shared/domain.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BusinessArea(models.TextChoices):
    PLAY_ROOM = "play_room", _("Meeting place for parents and children")  # 親子の居場所事業
    CONSULTATION = "consultation", _("Child-rearing consultation")  # 子育て相談事業
    INFORMATION = "information", _("Collecting and sharing information")  # 情報収集・提供事業
    NETWORK = "network", _("Network of supporters")  # 支援者ネットワーク事業
    TRAINING = "training", _("Training and supporting volunteers")  # 人材育成、活動支援事業
    SUPPORT_SYSTEM = "support_system", _("Yokohama child-rearing support system")  # 横浜子育てサポートシステム
    USER_SUPPORT = "user_support", _("Helping families use services")  # 利用者支援事業
