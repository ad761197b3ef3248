"""Text that looks like other text: Unicode's confusables (UTS #39 skeletons) and scripts, from the
confusable_homoglyphs package's copy of Unicode's confusables.txt and Scripts.txt."""
from __future__ import annotations

import functools
import unicodedata

from confusable_homoglyphs import categories

# Scripts that do not make a word mixed: punctuation, digits and symbols (Common), combining marks (Inherited).
NEUTRAL_SCRIPTS = frozenset({"COMMON", "INHERITED", "UNKNOWN"})
# Scripts that are written together (UTS #39's "highly restrictive" sets): Japanese, Korean, Chinese with Bopomofo.
_COMBINED_SCRIPTS = (frozenset({"HAN", "HIRAGANA", "KATAKANA"}), frozenset({"HAN", "HANGUL"}),
                     frozenset({"HAN", "BOPOMOFO"}))
# Marks confusables.txt's comments put around right-to-left characters; they are not part of the mapping.
_DISPLAY_MARKS = str.maketrans("", "", "\u200e\u200f")
_ROUNDS = 4  # a skeleton is mapped again until it no longer changes (the table is read back without direction)


@functools.cache
def script_of(char: str) -> str:
    """The Unicode script of one character, in upper case ('LATIN', 'CYRILLIC', 'COMMON' …)."""
    return categories.alias(char)


def scripts_of(text: str) -> frozenset[str]:
    """The scripts of text's letters, without the neutral ones (ASCII text is Latin at most)."""
    scripts = {script_of(char) for char in text if not char.isascii()} - NEUTRAL_SCRIPTS
    if any(char.isascii() and char.isalpha() for char in text):
        scripts.add("LATIN")
    return frozenset(scripts)


def mixes_scripts(word: str) -> frozenset[str]:
    """The scripts of a word whose letters come from more than one (empty when they do not): 'Маdværket' with
    Cyrillic М and а is CYRILLIC and LATIN. Japanese, Korean and Chinese script combinations are one script."""
    scripts = scripts_of(word)
    if len(scripts) < 2 or any(scripts <= combined for combined in _COMBINED_SCRIPTS):
        return frozenset()
    return scripts


def mixed_words(text: str) -> list[tuple[str, frozenset[str]]]:
    """The words of text (separated by spaces) that mix scripts, with their scripts."""
    if text.isascii():
        return []
    return [(word, scripts) for word in text.split() if (scripts := mixes_scripts(word))]


@functools.cache
def _prototypes() -> dict[str, str]:
    """Unicode's confusables as a map from a character to its prototype (UTS #39). confusable_homoglyphs keeps each
    line of confusables.txt in both directions; the direction is read back: a source is one character with one
    look-alike, a prototype has several (or is a sequence); between two single characters that only have each
    other, the smaller is taken as the prototype (either way both get the same skeleton)."""
    from confusable_homoglyphs.confusables import confusables_data  # loads Unicode's table (0.9 MB) once

    table: dict[str, set[str]] = {}
    for key, entries in confusables_data.items():
        key = unicodedata.normalize("NFD", key.translate(_DISPLAY_MARKS))
        table.setdefault(key, set()).update(unicodedata.normalize("NFD", entry["c"].translate(_DISPLAY_MARKS))
                                            for entry in entries)
    prototypes = {}
    for key, others in table.items():
        if len(key) != 1 or len(others) != 1:
            continue
        (other,) = others
        if len(other) != 1 or len(table.get(other, ())) > 1 or other < key:
            prototypes[key] = other
    return prototypes


@functools.cache
def _translation() -> dict[int, str]:
    """_prototypes as a table for str.translate, each entry mapped on until it no longer changes (so that one pass
    gives the skeleton)."""
    table = str.maketrans(_prototypes())
    for key, value in table.items():
        for _ in range(_ROUNDS):
            mapped = unicodedata.normalize("NFD", unicodedata.normalize("NFD", value).translate(table))
            if mapped == value:
                break
            value = mapped
        table[key] = value
    return table


def skeleton(text: str) -> str:
    """UTS #39's skeleton: two texts that look alike on screen have the same skeleton ('раураl' and 'paypal').
    Only for comparing: it is no text to show."""
    return unicodedata.normalize("NFD", unicodedata.normalize("NFD", text).translate(_translation()))


def name_key(name: str) -> str:
    """A name as compared for exact duplicates: compatibility forms folded (NFKC), case folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold()).split())


def look_key(name: str) -> str:
    """A name as compared for look-alikes: the skeleton of each word, case folded, spaces collapsed."""
    return " ".join(map(_word_look, name.split()))


@functools.lru_cache(maxsize=65_536)  # names share many words (ApS, Genbrug, Køkken …)
def _word_look(word: str) -> str:
    """One word's look_key."""
    return " ".join(skeleton(word).casefold().split())


def imitates_latin(label: str) -> bool:
    """Whether a word written in one other script reads as Latin letters ('аррӏе' in Cyrillic reads 'apple')."""
    scripts = scripts_of(label)
    return bool(scripts) and "LATIN" not in scripts and skeleton(label).isascii()


def describe_character(char: str) -> str:
    """A character as editors can look it up: U+202E RIGHT-TO-LEFT OVERRIDE."""
    return f"U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip()
