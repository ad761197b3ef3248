"""Reading a submitted issue body: which form it was written with, and each question's answer read into codes,
numbers, dates and texts, with every problem found."""
from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata

from bro import LANGUAGES
from bro.forms.definitions import BAD_CHARACTERS, ISSUE_LABELS, KINDS, Field, FormProblem, list_options, list_questions
from bro.forms.texts import describe_field
from bro.vocab import Vocabularies

NO_RESPONSE = "_No response_"
_HEADING = re.compile(r"^### (.*?)[ \t]*$", re.M)
_CHECKBOX = re.compile(r"^- \[([ xX]?)\] (.*?)\s*$", re.M)
_NUMBER = re.compile(r"(\d{1,3}(?:[ .\u00a0]\d{3})+|\d+)")
_AMOUNT = re.compile(r"(\d{1,3}(?:[ .\u00a0]\d{3})+|\d+)(?:,-|,00)?\s*(?:kr\.?|dkk|sek|eur|euro)?", re.I)
_LOCAL_DATE = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")


def normalize_body(body: str) -> str:
    """An issue body with Unix line ends and composed Unicode (æ typed as a + ring becomes one letter)."""
    return unicodedata.normalize("NFC", body.replace("\r\n", "\n").replace("\r", "\n"))


def identify_form(body: str, labels: set[str] = frozenset()) -> tuple[str, str] | None:
    """Which form (kind, language) a body was written with, judged by its headings (issue labels break ties)."""
    headings = {m.group(1).strip() for m in _HEADING.finditer(body)}
    scored = []
    for kind in KINDS:
        for lang in LANGUAGES:
            known = {describe_field(kind, lang, f.id)["label"] for f, _ in list_questions(kind, lang)}
            hits = len(known & headings)
            labelled = set(ISSUE_LABELS[kind]) | {f"lang:{lang}"} <= labels
            scored.append((hits, hits == len(known), labelled, kind, lang))
    scored.sort(reverse=True)
    best, runner_up = scored[0], scored[1]
    if best[0] == 0 or best[:3] == runner_up[:3]:
        return None
    return best[3], best[4]


def read_answers(kind: str, lang: str, body: str, vocab: Vocabularies) -> tuple[dict, list[FormProblem]]:
    """Each question's answer, read into codes, numbers, dates and texts, with every problem found."""
    label_of = {describe_field(kind, lang, f.id)["label"]: f for f, _ in list_questions(kind, lang)}
    found: dict[str, list[re.Match]] = {}
    marks = []
    for match in _HEADING.finditer(body):
        title = match.group(1).strip()
        if title in label_of:
            found.setdefault(title, []).append(match)
            marks.append(match)
    problems = [FormProblem(label_of[t].id, "heading_twice", {"heading": t}) for t, ms in found.items() if len(ms) > 1]
    problems += [FormProblem(f.id, "heading_missing", {"heading": t}) for t, f in label_of.items() if t not in found]
    if problems:
        return {}, problems
    raw = {}
    for index, match in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(body)
        raw[label_of[match.group(1).strip()].id] = body[match.end():end].strip()
    values = {}
    for fld, required in list_questions(kind, lang):
        value, problem = _read_answer(kind, lang, fld, raw[fld.id], vocab)
        if problem:
            problems.append(problem)
        elif value is None or value is False or value == "" or value == []:
            if required:
                problems.append(FormProblem(fld.id, "choose_something" if fld.type == "checkboxes" else "required"))
        else:
            values[fld.id] = value
    return values, problems


def _read_answer(kind: str, lang: str, fld: Field, raw: str, vocab: Vocabularies):
    """One answer as a value, or the problem with it."""
    if raw == NO_RESPONSE or (fld.type == "dropdown" and raw == "None"):
        raw = ""
    if len(raw) > fld.limit:
        return None, FormProblem(fld.id, "too_long", {"length": len(raw), "limit": fld.limit})
    if BAD_CHARACTERS.search(raw) or (fld.type == "input" and "\t" in raw):
        return None, FormProblem(fld.id, "bad_characters")
    if fld.type == "input" and "\n" in raw:
        return None, FormProblem(fld.id, "one_line")
    if not raw:
        return None, None
    if fld.type in ("dropdown", "checkboxes"):
        return _read_choice(kind, lang, fld, raw, vocab)
    reader = _READERS.get(fld.value)
    return reader(fld, raw, vocab) if reader else (raw, None)


def _read_choice(kind: str, lang: str, fld: Field, raw: str, vocab: Vocabularies):
    """Dropdown and checkbox answers as codes (the labels come from the vocabularies)."""
    by_label = {label: code for code, label in list_options(kind, lang, fld, vocab)}
    if fld.type == "dropdown":  # an edited body may change the case of an answer ('danmark')
        by_label |= {label.casefold(): code for label, code in list(by_label.items())
                     if label.casefold() not in by_label}
    if fld.type == "checkboxes":
        chosen = [m.group(2) for m in _CHECKBOX.finditer(raw) if m.group(1) in ("x", "X")]
    elif fld.multiple:
        chosen = _split_choices(raw, list(by_label))
    else:
        chosen = [raw]
    found = [by_label.get(label, by_label.get(label.casefold()) if fld.type == "dropdown" else None)
             for label in chosen]
    if None in found:
        return None, FormProblem(fld.id, "unknown_option", {"value": chosen[found.index(None)]})
    codes = list(dict.fromkeys(found))
    if fld.value == "flag":
        return bool(codes), None
    return (codes if fld.value == "codes" else codes[0] if codes else None), None


def _split_choices(raw: str, labels: list[str]) -> list[str]:
    """A multiple-choice answer ('A, B') split into its labels, even where a label holds a comma."""
    chosen, rest = [], raw
    by_length = sorted(labels, key=len, reverse=True)
    while rest:
        label = next((lab for lab in by_length if rest == lab or rest.startswith(lab + ", ")), None)
        if label is None:
            head, _, rest = rest.partition(", ")
            chosen.append(head)
            continue
        chosen.append(label)
        rest = rest[len(label) + 2:]
    return chosen


def _read_integer(fld: Field, raw: str, vocab: Vocabularies):
    """A whole number; thousands may be grouped with a point or a space."""
    if not _NUMBER.fullmatch(raw):
        return None, FormProblem(fld.id, "not_a_number", {"value": raw})
    return int(re.sub(r"\D", "", raw)), None


def _read_amount(fld: Field, raw: str, vocab: Vocabularies):
    """An amount of money in whole units, with or without 'kr' or a currency code after it."""
    match = _AMOUNT.fullmatch(raw)
    if not match:
        return None, FormProblem(fld.id, "not_an_amount", {"value": raw})
    return int(re.sub(r"\D", "", match.group(1))), None


def _read_date(fld: Field, raw: str, vocab: Vocabularies):
    """A date written 2027-03-15 or 15.03.2027 (also with - or /), as YYYY-MM-DD."""
    local = _LOCAL_DATE.fullmatch(raw)
    text = f"{local.group(3)}-{int(local.group(2)):02d}-{int(local.group(1)):02d}" if local else raw
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text).isoformat(), None
    except ValueError:
        pass
    return None, FormProblem(fld.id, "bad_date", {"value": raw})


def _read_url(fld: Field, raw: str, vocab: Vocabularies):
    """A web address; 'www.example.dk' gets https:// in front (the validator checks the rest)."""
    if not re.match(r"[a-z][a-z0-9+.-]*:", raw, re.I) and " " not in raw and "." in raw:
        return "https://" + raw, None
    return raw, None


def _read_area(fld: Field, raw: str, vocab: Vocabularies):
    """One municipality (or region) by name or code, as its code."""
    code = find_area_code(vocab, raw)
    return (code, None) if code else (None, _report_unknown_area(fld, raw, vocab))


def _read_areas(fld: Field, raw: str, vocab: Vocabularies):
    """Municipalities by name, separated by commas, as codes."""
    codes = []
    for name in filter(None, (part.strip() for part in re.split(r"[,;]|\s+(?:og|och)\s+", raw))):
        code = find_area_code(vocab, name)
        if not code:
            return None, _report_unknown_area(fld, name, vocab)
        codes.append(code)
    return list(dict.fromkeys(codes)), None


def _read_cpv(fld: Field, raw: str, vocab: Vocabularies):
    """CPV codes separated by commas or spaces (the validator checks their form)."""
    return [code for code in re.split(r"[,;\s]+", raw) if code], None


_READERS = {"integer": _read_integer, "amount": _read_amount, "date": _read_date, "url": _read_url,
            "area": _read_area, "areas": _read_areas, "cpv": _read_cpv}


def find_area_code(vocab: Vocabularies, text: str) -> str | None:
    """The code of a country, region or municipality named in Danish or Swedish ('Aarhus' → DK-751)."""
    text = text.strip()
    if vocab.has("areas", text):
        return text
    suggestion = vocab.suggest("areas", text)
    return suggestion.split(" (")[0] if suggestion else None


def _report_unknown_area(fld: Field, name: str, vocab: Vocabularies) -> FormProblem:
    """A problem for a place name Bro does not know, with the closest municipality name if any."""
    names = sorted({str(label) for code in vocab.codes("municipalities")
                    for label in vocab.entry("municipalities", code).get("label", {}).values()})
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.7)
    if close:
        return FormProblem(fld.id, "unknown_area_suggest", {"value": name, "suggestion": close[0]})
    return FormProblem(fld.id, "unknown_area", {"value": name})
