"""Copy the part of the eForms SDK that the TED importer reads into vendor/eforms-sdk/.

Usage: python scripts/vendor_eforms.py [SDK_DIR]   (default ../shared/eforms)

The subset of fields/fields.json keeps the SDK's own entries unchanged (ids, XPaths, types): only the
fields listed in bro.ted.fields.FIELD_IDS and the nodes they hang under are kept.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from bro.ted.fields import FIELD_IDS, NODE_IDS  # noqa: E402

EXAMPLES = ("cn-social_24.xml", "cn_24_maximal.xml", "cn_24_minimal.xml", "pin-only_24_maximal.xml")
CODELISTS = ("reserved-procurement.gc", "applicability_reserved-execution.gc")


def main(argv: list[str]) -> int:
    sdk = Path(argv[0]) if argv else ROOT.parent / "shared" / "eforms"
    target = ROOT / "vendor" / "eforms-sdk"
    full = json.loads((sdk / "fields" / "fields.json").read_text(encoding="utf-8"))
    fields = [field for field in full["fields"] if field["id"] in FIELD_IDS]
    missing = set(FIELD_IDS) - {field["id"] for field in fields}
    nodes = [node for node in full["xmlStructure"] if node["id"] in NODE_IDS]
    missing |= set(NODE_IDS) - {node["id"] for node in nodes}
    if missing:
        print(f"not in the SDK: {', '.join(sorted(missing))}", file=sys.stderr)
        return 1
    subset = {"ublVersion": full["ublVersion"], "sdkVersion": full["sdkVersion"],
              "metadataDatabase": full["metadataDatabase"], "xmlStructure": nodes, "fields": fields}
    (target / "fields").mkdir(parents=True, exist_ok=True)
    (target / "fields" / "fields.json").write_text(json.dumps(subset, indent=2, ensure_ascii=False) + "\n",
                                                  encoding="utf-8")
    for folder, names in (("examples", EXAMPLES), ("codelists", CODELISTS)):
        (target / folder).mkdir(parents=True, exist_ok=True)
        for name in names:
            shutil.copyfile(sdk / folder / name, target / folder / name)
    print(f"{len(fields)} fields, {len(nodes)} nodes, sdk {full['sdkVersion']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
