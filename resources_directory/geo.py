"""Distances and coarse locations.

A parent's location is rounded to about 100 m (3 decimals of a degree) before it is used, and it is never
stored or logged. Postal codes map to the centre of their district through a small table for the demo ward
(港南区, Yokohama); the ward can extend it with the ``DIRECTORY_POSTAL_CODES`` setting.
"""

from django.conf import settings

from search.geo import haversine_km as distance_km

LOCATION_DECIMALS = 3  # 0.001° ≈ 111 m north–south, ≈ 91 m east–west at 35° N

# Approximate district centres in 港南区 (demo data; not surveyed).
POSTAL_CODES = {
    "2330001": (35.4085, 139.5975),  # 上大岡東
    "2330002": (35.4060, 139.5925),  # 上大岡西
    "2330003": (35.3960, 139.5905),  # 港南
    "2330004": (35.3915, 139.5850),  # 港南中央通
    "2330005": (35.3960, 139.5800),  # 芹が谷
    "2330006": (35.3940, 139.5745),  # 芹が谷
    "2330007": (35.3990, 139.5765),  # 大久保
    "2330008": (35.4005, 139.5840),  # 最戸
    "2330011": (35.3875, 139.5730),  # 東永谷
    "2330012": (35.3835, 139.5650),  # 上永谷
    "2330013": (35.3915, 139.5700),  # 丸山台
    "2330015": (35.3785, 139.5630),  # 日限山
    "2330016": (35.3880, 139.5620),  # 下永谷
    "2340051": (35.3830, 139.5905),  # 日野
    "2340052": (35.3965, 139.5995),  # 笹下
    "2340053": (35.3770, 139.5935),  # 日野中央
    "2340054": (35.3700, 139.5870),  # 港南台
    "2340055": (35.3740, 139.5985),  # 日野南
    "2340056": (35.3830, 139.5780),  # 野庭町
}


def normalise_postal_code(value):
    """'２３４－００５４' / '234-0054' / '〒2340054' → '2340054' (or '' when it is not 7 digits)."""
    digits = "".join(ch for ch in (value or "") if ch.isdigit())
    digits = digits.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    return digits if len(digits) == 7 else ""


def postal_code_location(value):
    """(lat, lng) of a postal code's district, or None when it is not in the table."""
    code = normalise_postal_code(value)
    table = {**POSTAL_CODES, **getattr(settings, "DIRECTORY_POSTAL_CODES", {})}
    return table.get(code)


def round_location(lat, lng):
    """Round a parent's coordinates to about 100 m before any use."""
    return round(float(lat), LOCATION_DECIMALS), round(float(lng), LOCATION_DECIMALS)


def haversine_km(lat1, lng1, lat2, lng2):
    return distance_km((lat1, lng1), (lat2, lng2))
