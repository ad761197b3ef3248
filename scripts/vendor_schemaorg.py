"""Write the subset of schema.org's vocabulary that the structured-data tests check against into
vendor/schemaorg/vocabulary.json: every type with its direct superclasses, every property with the types it is
defined on (domainIncludes) and the types of its values (rangeIncludes), and every enumeration member with its
enumeration. Nothing is chosen: the whole vocabulary of the release file, without its comments and mappings.

Usage: python scripts/vendor_schemaorg.py RELEASE_FILE RELEASE COMMIT
  RELEASE_FILE  schema.org's data/releases/<RELEASE>/schemaorg-current-https.jsonld (repository schemaorg/schemaorg)
  RELEASE       the release's number, e.g. 30.0
  COMMIT        the repository's commit the file was taken from (40 hex digits)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "vendor" / "schemaorg" / "vocabulary.json"
PREFIX = "schema:"


def _ids(value) -> list[str]:
    """The schema.org names of a node reference or a list of them (other vocabularies' terms left out)."""
    items = value if isinstance(value, list) else [value] if value is not None else []
    names = [item["@id"] if isinstance(item, dict) else item for item in items]
    return sorted(name.removeprefix(PREFIX) for name in names if isinstance(name, str) and name.startswith(PREFIX))


def subset(graph: list[dict]) -> dict[str, dict]:
    """Types, properties and enumeration members of a release file's graph."""
    types, properties, members = {}, {}, {}
    for node in graph:
        name = node["@id"]
        if not name.startswith(PREFIX):
            continue
        name = name.removeprefix(PREFIX)
        kinds = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        if "rdfs:Class" in kinds:
            types[name] = _ids(node.get("rdfs:subClassOf"))
        elif "rdf:Property" in kinds:
            properties[name] = {"domains": _ids(node.get("schema:domainIncludes")),
                                "ranges": _ids(node.get("schema:rangeIncludes"))}
        else:  # an enumeration member, e.g. schema:OnlineEventAttendanceMode, typed by its enumeration
            members[name] = _ids(kinds)
    return {"types": dict(sorted(types.items())), "properties": dict(sorted(properties.items())),
            "members": dict(sorted(members.items()))}


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    source, release, commit = Path(argv[0]), argv[1], argv[2]
    graph = json.loads(source.read_text(encoding="utf-8"))["@graph"]
    data = {"release": release,
            "source": f"https://github.com/schemaorg/schemaorg/blob/{commit}/data/releases/{release}/"
                      "schemaorg-current-https.jsonld",
            "licence": "CC BY-SA 3.0, https://creativecommons.org/licenses/by-sa/3.0/ (schema.org)",
            **subset(graph)}
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)}: {len(data['types'])} types, {len(data['properties'])} properties, "
          f"{len(data['members'])} enumeration members")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
