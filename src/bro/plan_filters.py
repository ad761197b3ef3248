"""The tender plan's filters, in one list. A filter's name is at once the card's data-<name> attribute
(the tokens an entry offers), the form control's name (id plan-<name>) and its label key plan.filter_<name>;
the page's template and filter.js both work from this list, so a control can never look for an attribute
the cards do not carry. Pure functions of the catalog."""
from __future__ import annotations

from dataclasses import dataclass

from bro import areas, buyers, i18n, tenders
from bro.catalog import Catalog
from bro.model import TenderEntry


@dataclass(frozen=True)
class PlanFilter:
    name: str
    text: bool = False  # a text box matched against the start of a token (CPV codes), not a select

    @property
    def control_id(self) -> str:
        return f"plan-{self.name}"

    @property
    def label_key(self) -> str:
        return f"plan.filter_{self.name}"


FILTERS: tuple[PlanFilter, ...] = (
    PlanFilter("buyer"), PlanFilter("category"), PlanFilter("area"), PlanFilter("procedure"),
    PlanFilter("status"), PlanFilter("reservedkind"), PlanFilter("source"), PlanFilter("threshold"),
    PlanFilter("cpv", text=True),
)
NAMES = tuple(f.name for f in FILTERS)


def entry_areas(catalog: Catalog, entry: TenderEntry) -> list[str]:
    """The areas an entry's place filter answers to: every area that overlaps one it names (an entry for
    Region Midtjylland is found under Aarhus, an entry in Aarhus under Region Midtjylland and Denmark)."""
    return sorted({a for code in entry.reach.named for a in areas.overlapping(catalog.vocab, code)})


def entry_values(catalog: Catalog, entry: TenderEntry) -> dict[str, list[str]]:
    """The tokens an entry offers each filter (the card's data-<name> attributes), made once per entry."""
    cache = catalog.derived.plan_filter_values
    if entry.slug not in cache:
        cache[entry.slug] = _values(catalog, entry)
    return cache[entry.slug]


def _values(catalog: Catalog, entry: TenderEntry) -> dict[str, list[str]]:
    """entry_values' work."""
    position = tenders.threshold_for(catalog, entry)
    values = {
        "buyer": [buyers.buyer_of(catalog, entry.slug)["slug"]],
        "category": list(entry.categories),
        "area": entry_areas(catalog, entry),
        "procedure": [entry.procedure],
        "status": [entry.status],
        "reservedkind": _reserved_kinds(entry),
        "source": [SOURCE_TED if entry.ted else SOURCE_BRO],
        "threshold": [] if position is None else ["above" if position["above"] else "below"],
        "cpv": list(entry.cpv),
    }
    return {name: values[name] for name in NAMES}


def _reserved_kinds(entry: TenderEntry) -> list[str]:
    """The reservation filter's tokens: 'yes' for any reservation (who may take part, or who performs it),
    'execution' besides for a contract to be performed within sheltered employment programmes, else 'none'."""
    if not entry.is_reserved:
        return ["none"]
    return ["yes", "execution"] if entry.execution_reserved else ["yes"]


def matches(catalog: Catalog, record: TenderEntry, name: str, value: str) -> bool:
    """Whether an entry is shown when filter `name` is set to `value` (what filter.js does with the cards)."""
    if not value:
        return True
    tokens = entry_values(catalog, record)[name]
    if next(f for f in FILTERS if f.name == name).text:
        digits = "".join(c for c in value if c.isdigit())
        return any("".join(c for c in t if c.isdigit()).startswith(digits) for t in tokens)
    return value in tokens


def _label(key: str, lang: str) -> str:
    return i18n.label(key, lang).text


def options(catalog: Catalog, lang: str) -> dict[str, list[tuple[str, str]]]:
    """Each select's options (value, label) in lang: only values some entry has, so no option is always empty."""
    vocab, records = catalog.vocab, list(catalog.tenders.values())
    used: dict[str, set[str]] = {name: set() for name in NAMES}
    for record in records:
        for name, tokens in entry_values(catalog, record).items():
            used[name].update(tokens)
    kinds = {kind: n for n, kind in enumerate(AREA_GROUPS)}
    registry = catalog.derived.buyers
    return {
        "buyer": sorted(((s, registry[s]["name"]) for s in used["buyer"]), key=lambda p: p[1]),
        "category": sorted(((c, vocab.label("categories", c, lang)) for c in used["category"]), key=lambda p: p[1]),
        "area": sorted(((a, vocab.label("areas", a, lang)) for a in used["area"]),
                       key=lambda p: (kinds[areas.kind(vocab, p[0])], p[1])),
        "procedure": [(c, vocab.label("procedures", c, lang))
                      for c in vocab.codes("procedures") if c in used["procedure"]],
        "status": [(c, vocab.label("statuses", c, lang)) for c in vocab.codes("statuses") if c in used["status"]],
        "reservedkind": [(c, _label(f"plan.reserved_{RESERVED_KIND_LABELS[c]}", lang))
                         for c in ("yes", "execution", "none") if c in used["reservedkind"]],
        "source": [(c, _label(f"plan.source_{c}", lang)) for c in (SOURCE_BRO, SOURCE_TED) if c in used["source"]],
        "threshold": [(c, _label(f"plan.{c}", lang)) for c in ("below", "above") if c in used["threshold"]],
        "cpv": [],
    }


AREA_GROUPS = ("country", "region", "municipality")
SOURCE_BRO, SOURCE_TED = "bro", "ted"  # the source filter's tokens: sent to Bro (by hand), imported from TED
RESERVED_KIND_LABELS = {"yes": "yes", "execution": "execution", "none": "no"}


def controls(catalog: Catalog, lang: str) -> list[dict]:
    """The plan's form controls in order: name, id, label and (for selects) options; the place filter's
    options also in groups (countries, regions, municipalities) for an <optgroup> each. A select with fewer than
    two options narrows nothing and is left out (the source filter while no entry comes from TED)."""
    values = options(catalog, lang)
    groups = [(_label(f"plan.area_{kind}", lang),
               [o for o in values["area"] if areas.kind(catalog.vocab, o[0]) == kind]) for kind in AREA_GROUPS]
    return [{"name": f.name, "id": f.control_id, "label": _label(f.label_key, lang), "text": f.text,
             "options": values[f.name], "groups": [g for g in groups if g[1]] if f.name == "area" else None}
            for f in FILTERS if f.text or len(values[f.name]) > 1]
