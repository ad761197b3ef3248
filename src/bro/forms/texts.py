"""The forms' words: each question's label, description and options, and the robot's replies, in one language
(src/bro/locales/forms.<lang>.yml). The one place the forms read their texts from."""
from __future__ import annotations

import functools
from pathlib import Path

import yaml


@functools.cache
def load_texts(lang: str) -> dict:
    """The forms' questions, options and replies in one language (src/bro/locales/forms.<lang>.yml)."""
    with open(Path(__file__).parents[1] / "locales" / f"forms.{lang}.yml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def describe_field(kind: str, lang: str, field_id: str) -> dict:
    """A question's label, description, placeholder and option text in one form."""
    catalog = load_texts(lang)
    return {**catalog["fields"][field_id], **catalog.get("overrides", {}).get(kind, {}).get(field_id, {})}
