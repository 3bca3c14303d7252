"""The word lists of place recognition, read from ``data/words/``.

Which words cue a place, name a person or are never places is data, kept one list per file
so that a list can be read, reviewed and extended without reading code (one entry per line,
``#`` starts a comment).  The lists are read once, on import: they are small (a few hundred
words in all) and every article needs them.
"""

from __future__ import annotations

from pathlib import Path

WORDS_DIR = Path(__file__).resolve().parent.parent / "data" / "words"


def _entries(name: str) -> list[str]:
    """The entries of ``data/words/<name>``, in file order, comments and blank lines left out."""
    lines = (WORDS_DIR / name).read_text(encoding="utf-8").splitlines()
    return [entry for line in lines if (entry := line.partition("#")[0].strip())]


def words(name: str) -> frozenset[str]:
    """The word list ``data/words/<name>.txt`` as a set."""
    return frozenset(_entries(f"{name}.txt"))


def ordered(name: str) -> tuple[str, ...]:
    """The word list ``data/words/<name>.txt`` in file order (for lists shown to people)."""
    return tuple(_entries(f"{name}.txt"))


def table(name: str) -> dict[str, str]:
    """The two-column list ``data/words/<name>.tsv`` as a mapping of its first to its second
    column."""
    return dict(entry.split("\t") for entry in _entries(f"{name}.tsv"))


#: Words before a name that say "a location follows" ("in", "near"; "forces captured Raqqa").
LOCATIVE_CUES = words("locative_cues")
#: "the <feature> of X" and "X <feature>": the kind of place meant.
FEATURE_WORDS = table("feature_words")
#: Capitalised words that may stand before a place name in one proper name ("Northern Syria").
COMPANIONS_BEFORE = words("companions_before")
#: Capitalised words that may follow a place name in one proper name ("Raqqa Province").
COMPANIONS_AFTER = words("companions_after")
#: Heads of "<head> of <place>" organisation names ("Bank of Japan"): not a mention.
ORGANISATION_HEADS = words("organisation_heads")
#: Words after a demonym that show a noun or language use ("the Emirati, whose").
NOUN_USE_FOLLOWERS = words("noun_use_followers")
#: Titles and roles after a place name, which keep it a place ("U.S. President Trump").
TITLES_AFTER_PLACE = words("titles_after_place")
#: Words before a capitalised name that say it is a person.
PERSON_CUES = words("person_cues")
#: Function words that are capitalised only at the start of a sentence.
FUNCTION_WORDS = words("function_words")
#: Ordinary English words that are also names of places somewhere: they need a cue.
COMMON_WORDS = words("common_words")
#: Months and days.
CALENDAR_WORDS = words("calendar_words")
#: Capitalised words that are never place names in news: calendar words, faiths, armed groups,
#: news agencies, the generic names of a city's quarters.
NEVER_PLACES = (
    CALENDAR_WORDS
    | words("never_places")
    | words("faiths")
    | words("news_agencies")
    | words("city_quarters")
)
#: Short names of organisations ("the Alliance"): never a place after "the".
ORGANISATION_SHORT_NAMES = words("organisation_short_names")
#: Armed-force words after a place name that keep it a place ("Texas Army National Guard").
FORCES_AFTER_PLACE = words("forces_after_place")
#: Cues that take persons as readily as places ("loyal to Assad").
PERSON_PREPOSITIONS = words("person_prepositions")
#: Common Arabic given names that are also names of villages: a place only after a feature cue.
GIVEN_NAMES = words("given_names")
#: Names of regions the gazetteer has no entry for: reported as unresolved mentions.
REGIONS = ordered("regions")
#: Continents: not mapped, never a mention.
CONTINENTS = words("continents")
#: Adjectives naming no single country ("Kurdish", "Arab"): unresolved adjectives.
REGIONAL_ADJECTIVES = ordered("regional_adjectives")
#: Verbs of speaking that follow a person's name.
SPEECH_VERBS = words("speech_verbs")
#: Compound adjectives built on a place name: "U.S.-backed", "Britain-based".
COMPOUND_SUFFIXES = words("compound_suffixes")
#: Lower-case words found inside place names ("Gulf of Aden", "Bosnia and Herzegovina").
NAME_CONNECTORS = words("name_connectors")
#: The "of" words that join a name to the next ("Mais al-Jabal", "Bank of Japan").
OF_WORDS = words("of_words")
#: Words that may stand between a locative cue and the name ("in the northern Syria").
SKIPPABLE = words("skippable")
#: "north of X", "on the outskirts of X": a place follows.
DIRECTIONS = words("directions")
