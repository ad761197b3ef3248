"""The buyer of a submitted tender form, settled against the buyer registry (data/buyers/) by its organisation
number. A buyer the registry knows is written as the registry has it: a name, country or municipality typed
differently is replaced, and the pull request tells the editor. A buyer it does not know gets a registry file of
its own in the same pull request, which the validator checks together with the tender."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bro import buyers, rules, urls
from bro.collisions import choose_slug

REGISTRY_FIELDS = ("name", "org_number", "country", "municipality")  # what a tender's buyer block holds
# Where each value of a new registry file came from in the form (to tie the validator's problems to a question).
SOURCES = {("name",): "buyer_name", ("org_number",): "buyer_org_number", ("country",): "buyer_country",
           ("municipality",): "buyer_municipality"}


@dataclass
class SettledBuyer:
    """What the form's buyer answers become: the tender's buyer block, a new registry file when needed, notes for
    the editor (text key of forms.*.yml's pr section, parameters) and a problem that stops the conversion."""

    block: dict
    new_path: str | None = None
    new_data: dict | None = None
    notes: list[tuple[str, dict]] = field(default_factory=list)
    problem: tuple[str, str, dict] | None = None  # (question, problem key, parameters)


def settle_buyer(typed: dict, root: Path) -> SettledBuyer:
    """The registry's buyer for the number typed in the form, or a new registry buyer made from the answers."""
    number, name = typed.get("org_number"), typed.get("name")
    if not isinstance(number, str):
        return SettledBuyer(dict(typed))  # the form requires the number; the validator words what is missing
    registry = buyers.read_registry(root)
    known = registry.get(buyers.number_key(number))
    if known is not None:
        return _use_registry(typed, *known)
    if not rules.is_valid_org_number(number, typed.get("country")):
        return SettledBuyer(dict(typed))  # a wrong check digit: the validator says so, tied to the question
    namesake = next(((slug, data) for slug, data in registry.values()
                     if isinstance(name, str) and _same_name(data.get("name"), name)), None)
    if namesake is not None:
        return SettledBuyer(dict(typed), problem=("buyer_org_number", "buyer_number_mismatch", {
            "name": namesake[1]["name"], "number": namesake[1]["org_number"], "value": number}))
    path = f"{buyers.FOLDER}/{choose_buyer_slug(name if isinstance(name, str) else '', root)}.yml"
    new = {key: typed[key] for key in REGISTRY_FIELDS if typed.get(key) not in (None, "")}
    return SettledBuyer(dict(new), path, new, [("buyer_new", {"path": path})])


def _use_registry(typed: dict, slug: str, data: dict) -> SettledBuyer:
    """The tender's buyer block as the registry has it, with a note when the form said otherwise."""
    block = {key: data[key] for key in REGISTRY_FIELDS if key in data}
    differs = [str(typed[key]) for key in ("name", "country", "municipality")
               if typed.get(key) not in (None, block.get(key))]
    if not differs:
        return SettledBuyer(block)
    return SettledBuyer(block, notes=[("buyer_registry", {
        "name": block.get("name", ""), "number": block.get("org_number", ""), "path": f"{buyers.FOLDER}/{slug}.yml",
        "typed": ", ".join(differs)})])


def _same_name(registered, typed: str) -> bool:
    """Whether two names are the same apart from letter case and spacing."""
    return isinstance(registered, str) and " ".join(registered.split()).casefold() == " ".join(typed.split()).casefold()


def choose_buyer_slug(name: str, root: Path) -> str:
    """The file name (without .yml) of a new registry buyer, which is also the name of its page: the buyer's name
    as a slug (Silkeborg Kommune → silkeborg-kommune), short, free, and taking no file of the site."""
    taken = {path.stem for path in (root / buyers.FOLDER).glob("*")}
    return choose_slug(name, taken, "buyer", urls.content_files(root))
