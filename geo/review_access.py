"""Who may save a review: anyone at the keyboard locally; on a hosted deploy, passphrase holders.

A hosted deploy (Streamlit Community Cloud, ``ATLAS_READONLY``, a store that cannot be
written) is open to anyone with the link, so there a review needs the reviewer passphrase
set as the ``REVIEW_PASSPHRASE`` secret or environment variable; without one configured,
reviews are read-only.  A passphrase configured locally is asked for too (a team that set
one means it).  The comparison takes constant time (``hmac.compare_digest``), and a wrong
passphrase is refused only after a pause, with one message whatever the reviewer's name, so
guessing is slow and learns nothing about who reviews.
"""

from __future__ import annotations

import hmac
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from geo.store import HOSTED_ROOT, READONLY_ENV, REPO_ROOT

PASSPHRASE = "REVIEW_PASSPHRASE"
"""The secret / environment variable holding the reviewer passphrase."""
WRONG_DELAY = 1.5
"""Seconds a wrong passphrase waits before it is refused."""
REFUSED = "Nothing was saved: that passphrase is not the reviewer passphrase."


@dataclass(frozen=True)
class Access:
    """Whether reviews may be saved here: ``open``, behind a ``passphrase``, or ``closed``;
    ``reason`` is what the pages say about it."""

    mode: Literal["open", "passphrase", "closed"]
    reason: str


def hosted(store_writable: bool = True) -> bool:
    """Whether this app serves the public: a Community Cloud checkout, ``ATLAS_READONLY``,
    or a store that cannot be written (the in-memory stand-in of a hosted deploy)."""
    readonly = os.environ.get(READONLY_ENV, "").strip().lower() in {"1", "true", "yes"}
    return readonly or REPO_ROOT.is_relative_to(HOSTED_ROOT) or not store_writable


def access(is_hosted: bool, passphrase: str | None) -> Access:
    """Who may review, given where the app runs and the configured passphrase (if any)."""
    if passphrase:
        return Access("passphrase", "Reviews are saved by reviewers who give the passphrase.")
    if is_hosted:
        return Access(
            "closed",
            "Reviews are read-only on this deploy: no reviewer passphrase "
            f"({PASSPHRASE}) is configured.",
        )
    return Access("open", "Reviews are saved by anyone using this copy of the app.")


def passphrase_ok(given: str, expected: str, sleep: Callable[[float], None] = time.sleep) -> bool:
    """Whether ``given`` is the passphrase; a wrong one returns only after :data:`WRONG_DELAY`."""
    if expected and hmac.compare_digest(given.encode(), expected.encode()):
        return True
    sleep(WRONG_DELAY)
    return False
