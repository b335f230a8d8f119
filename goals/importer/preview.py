"""Carry a parsed document from the preview to the confirmation without trusting the browser.

The preview page holds the parsed structure in a signed, timestamped value (django.core.signing, the project's
SECRET_KEY) together with the user and the evaluations index it was parsed for; the confirmation accepts it only
unchanged, from the same user, within an hour. Nothing is stored on the server in between.
"""

from dataclasses import asdict
from datetime import date

from django.core import signing

from goals.importer.parser import ParsedEvaluation, ParsedGoal

SALT = "goals.import.preview"
MAX_AGE = 60 * 60


def to_data(parsed):
    data = asdict(parsed)
    for name in ("period_start", "period_end"):
        data[name] = data[name].isoformat() if data[name] else None
    return data


def from_data(data):
    data = dict(data)
    for name in ("period_start", "period_end"):
        data[name] = date.fromisoformat(data[name]) if data[name] else None
    for name in ("evaluated_goals", "next_goals"):
        data[name] = [ParsedGoal(**goal) for goal in data[name]]
    data["skipped"] = [tuple(line) for line in data["skipped"]]
    return ParsedEvaluation(**data)


def sign(parsed, user, evaluation_index):
    return signing.dumps(
        {"parsed": to_data(parsed), "user": user.pk, "index": evaluation_index.pk}, salt=SALT, compress=True
    )


def unsign(value, user):
    """(parsed, index id) of a signed preview; signing.BadSignature when changed, expired or someone else's."""
    data = signing.loads(value, salt=SALT, max_age=MAX_AGE)
    if data.get("user") != user.pk:
        raise signing.BadSignature("another user's preview")
    return from_data(data["parsed"]), data["index"]
