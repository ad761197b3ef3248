"""The forms' words: each question's label, description and options, and the robot's replies, in one language
(src/bro/locales/forms.<lang>.yml). The one place the forms read their texts from."""
from __future__ import annotations

from bro import messages


def load_texts(lang: str) -> dict:
    """The forms' questions, options and replies in one language (src/bro/locales/forms.<lang>.yml, read by the one
    message loader, bro.messages)."""
    return messages.catalog("forms", lang)


def describe_field(kind: str, lang: str, field_id: str) -> dict:
    """A question's label, description, placeholder and option text in one form."""
    catalog = load_texts(lang)
    return {**catalog["fields"][field_id], **catalog.get("overrides", {}).get(kind, {}).get(field_id, {})}
