"""Row-by-row reading of small frames, without pandas' per-column overhead.

``DataFrame.itertuples`` takes each column with ``iloc`` (a copy of an Arrow
string column every time) and then walks it element by element: on the map's
frames of 40-odd columns and a few hundred rows that was most of the cost of
drawing a layer.  :func:`each_row` takes each column by name (cached by pandas)
as one list and yields the same named tuples with the same
values (``Series.tolist`` gives the Python scalars iteration gives).
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterator

import pandas as pd


def each_row(frame: pd.DataFrame) -> Iterator[tuple]:
    """``frame.itertuples(index=False)``: one named tuple per row, fields named by column."""
    if not len(frame.columns):
        return iter([()] * len(frame))
    row = namedtuple("Pandas", [str(c) for c in frame.columns], rename=True)
    columns = [frame[c].tolist() for c in frame.columns]  # names are unique in these frames
    return map(row._make, zip(*columns, strict=True))
