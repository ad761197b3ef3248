"""The eForms SDK fields Bro reads, with their XPaths taken from the vendored fields.json (never hand-written)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SDK_DIR = Path(__file__).resolve().parents[3] / "vendor" / "eforms-sdk"

# The business terms the importer reads (ids as in the SDK's fields.json).
FIELD_IDS = (
    "BT-701-notice", "OPP-010-notice", "BT-02-notice", "OPP-070-notice", "BT-702(a)-notice", "BT-05(a)-notice",
    "OPT-300-Procedure-Buyer", "OPT-200-Organization-Company", "BT-500-Organization-Company",
    "BT-501-Organization-Company", "BT-514-Organization-Company", "BT-502-Organization-Company",
    "BT-503-Organization-Company", "BT-506-Organization-Company",
    "BT-21-Procedure", "BT-24-Procedure", "BT-262-Procedure", "BT-263-Procedure", "BT-105-Procedure",
    "BT-27-Procedure", "BT-5071-Procedure", "BT-5141-Procedure",
    "BT-137-Lot", "BT-21-Lot", "BT-24-Lot", "BT-262-Lot", "BT-263-Lot", "BT-71-Lot", "BT-736-Lot",
    "BT-27-Lot", "BT-5071-Lot", "BT-5141-Lot", "BT-5131-Lot", "BT-131(d)-Lot", "BT-536-Lot", "BT-537-Lot",
)
# The repeating nodes whose XPaths anchor the per-lot and per-organisation fields.
NODE_IDS = ("ND-Root", "ND-Lot", "ND-Organization")


@dataclass(frozen=True)
class Field:
    id: str
    xpath: str  # absolute, as in the SDK
    type: str
    parent: str


@cache
def load_fields(sdk_dir: Path = SDK_DIR) -> tuple[dict[str, Field], dict[str, str], str]:
    """(fields by id, node XPaths by id, SDK version) from the vendored fields.json."""
    data = json.loads((sdk_dir / "fields" / "fields.json").read_text(encoding="utf-8"))
    fields = {f["id"]: Field(f["id"], f["xpathAbsolute"], f["type"], f["parentNodeId"]) for f in data["fields"]}
    nodes = {n["id"]: n["xpathAbsolute"] for n in data["xmlStructure"]}
    return fields, nodes, data["sdkVersion"]


def relative_xpath(field_id: str, node_id: str) -> str:
    """The field's XPath relative to one instance of the node (the SDK's absolute XPath minus the node's)."""
    fields, nodes, _ = load_fields()
    field, node = fields[field_id].xpath, nodes[node_id]
    if not field.startswith(node + "/"):
        raise ValueError(f"{field_id} does not lie under {node_id}")
    return "." + field[len(node):]
