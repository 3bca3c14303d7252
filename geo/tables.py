"""Flat rows of an extraction: the one shape shared by the store, the map and the pages.

The store persists exactly these columns and its queries return them as
DataFrames, so the map and the pages never need to know whether the rows came
from the SQLite file, PostgreSQL or a session's in-memory copy.

:func:`rows_of` gives an article's rows as tuples in column order, ready to insert.  A
parallel ingest builds them on its Dask workers: the writer then only writes, and a few
kilobytes of tuples cross between processes instead of the extraction's objects.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from dataclasses import dataclass

from geo.figures import people_columns
from geo.gazetteer import Place
from geo.pipeline import Extraction

GovernorateOf = Callable[[Place], "str | None"]
"""Gives the gazetteer id of a place's governorate (``geo.boundaries.governorate_id_of``):
a governorate is its own, countries and rivers have none."""

ARTICLE_COLUMNS = ["id", "title", "outlet", "url", "published", "dateline", "text", "extractor"]
MENTION_COLUMNS = [
    "article_id", "start", "end", "text", "adjective", "confidence", "evidence", "alternatives",
    "place_id", "geonameid", "name", "kind", "lat", "lon", "country", "admin1", "governorate_id",
]  # fmt: skip
FIGURE_COLUMNS = [
    "article_id", "kind", "value", "low", "high", "unit", "hedge", "label", "text", "start", "end",
    "sentence", "date_start", "date_end", "date_basis",
    "place_id", "geonameid", "name", "place_kind", "lat", "lon", "country", "admin1",
    "governorate_id", "precision", "place_basis", "place_name", "origin_id", "destination_id",
    "modality", "cumulative", "people_value", "people_low", "people_high", "people_basis",
]  # fmt: skip


@dataclass(frozen=True)
class Rows:
    """One article's rows: values in ARTICLE_COLUMNS, MENTION_COLUMNS and FIGURE_COLUMNS order."""

    article: tuple
    mentions: tuple[tuple, ...]
    figures: tuple[tuple, ...]

    @property
    def article_id(self) -> str:
        return self.article[0]

    @property
    def extractor(self) -> str:
        """The version of the extractor that found these rows."""
        return self.article[ARTICLE_COLUMNS.index("extractor")]


def rows_of(extraction: Extraction, governorate_of: GovernorateOf) -> Rows:
    """The rows the store writes for an extraction."""
    return Rows(
        _ordered(article_row(extraction), ARTICLE_COLUMNS),
        tuple(_ordered(row, MENTION_COLUMNS) for row in mention_rows(extraction, governorate_of)),
        tuple(_ordered(row, FIGURE_COLUMNS) for row in figure_rows(extraction, governorate_of)),
    )


def _ordered(row: dict, columns: list[str]) -> tuple:
    """The row's values in column order; a row with other keys than the columns is a bug."""
    if len(row) != len(columns):
        raise ValueError(f"row keys {sorted(row)} are not the columns {sorted(columns)}")
    return tuple(row[c] for c in columns)


def place_columns(place: Place | None, governorate_of: GovernorateOf) -> dict:
    if place is None:
        return dict.fromkeys(
            ["place_id", "geonameid", "name", "lat", "lon", "country", "admin1", "governorate_id"]
        )
    return {
        "place_id": place.id,
        "geonameid": place.geonameid,
        "name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "country": place.country,
        "admin1": place.admin1,
        "governorate_id": governorate_of(place),
    }


def article_row(extraction: Extraction) -> dict:
    """The article's own fields (ARTICLE_COLUMNS), straight from its record, and who read it."""
    return {**dataclasses.asdict(extraction.article), "extractor": extraction.extractor}


def mention_rows(extraction: Extraction, governorate_of: GovernorateOf) -> list[dict]:
    """One row per place mention; unresolved mentions have null place columns."""
    rows = []
    for m in extraction.places:
        row = {
            "article_id": extraction.article.id,
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "adjective": m.adjective,
            "confidence": m.confidence,
            "evidence": json.dumps(list(m.evidence)),
            "alternatives": json.dumps(
                [
                    {
                        "id": a.place.id,
                        "name": a.place.name,
                        "kind": a.place.kind,
                        "admin1": a.place.admin1,
                        "country": a.place.country,
                        "score": a.score,
                        "evidence": list(a.evidence),
                    }
                    for a in m.alternatives
                ]  # fmt: skip
            ),
            "kind": m.place.kind if m.place else None,
            **place_columns(m.place, governorate_of),
        }
        rows.append(row)
    return rows


def figure_rows(extraction: Extraction, governorate_of: GovernorateOf) -> list[dict]:
    """One row per figure, with the place it applies to flattened in."""
    rows = []
    for f in extraction.figures:
        rows.append(
            {
                "article_id": extraction.article.id,
                "kind": f.kind,
                "value": f.value,
                "low": f.low,
                "high": f.high,
                "unit": f.unit,
                "hedge": f.hedge,
                "label": f.label,
                "text": f.text,
                "start": f.start,
                "end": f.end,
                "sentence": f.sentence,
                "date_start": f.date_start,
                "date_end": f.date_end,
                "date_basis": f.date_basis,
                "place_kind": f.place.kind if f.place else None,
                **place_columns(f.place, governorate_of),
                "precision": f.precision,
                "place_basis": f.place_basis,
                "place_name": f.place_name,
                "origin_id": f.origin.id if f.origin else None,
                "destination_id": f.destination.id if f.destination else None,
                "modality": f.modality,
                "cumulative": f.cumulative,
                **people_columns(f.people),
            }
        )
    return rows
