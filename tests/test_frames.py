"""geo.frames.each_row: the same rows as DataFrame.itertuples, field for field."""

from datetime import date

import pandas as pd

from geo.frames import each_row


def _typed(rows) -> list[tuple]:
    """Each value with its type, NaN as a marker (NaN != NaN)."""
    return [
        tuple((type(v).__name__, "nan" if isinstance(v, float) and v != v else v) for v in row)
        for row in rows
    ]


def test_each_row_gives_what_itertuples_gives() -> None:
    frame = pd.DataFrame(
        {
            "name": ["Aleppo", None, "Kharkiv"],
            "value": [3, 40, 12],
            "share": [0.5, float("nan"), 1.0],
            "day": [date(2024, 1, 2), None, date(2023, 5, 6)],
            "added": pd.to_datetime(["2024-01-01", "2024-02-01", None], utc=True),
            "_key": [(1.0, 2.0), (3.0, 4.0), (5.0, 6.0)],
            "class": [True, False, True],
        },
        index=[7, 7, 2],  # labels need not be unique
    )
    shown = frame[frame["value"] > 5]
    for rows_of in (frame, shown, frame.iloc[:0]):
        expected = list(rows_of.itertuples(index=False))
        found = list(each_row(rows_of))
        assert _typed(found) == _typed(expected)
        assert all(f._fields == e._fields for f, e in zip(found, expected, strict=True))


def test_each_row_of_a_frame_without_columns_is_one_empty_tuple_per_row() -> None:
    assert list(each_row(pd.DataFrame(index=[1, 2]))) == [(), ()]
