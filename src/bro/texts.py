"""What Bro's repository automation (the pull-request comment, the upkeep report) writes in: its languages, and
its texts (src/bro/locales/changes.*.yml, upkeep.*.yml) read with bro.messages, the one catalogue loader.

Only the standard library and PyYAML: the pull-request commenter loads this module without the rest of Bro."""
from __future__ import annotations

from bro import LANGUAGES
from bro.messages import text

AUTOMATION_LANGUAGES = LANGUAGES
__all__ = ["AUTOMATION_LANGUAGES", "text"]
