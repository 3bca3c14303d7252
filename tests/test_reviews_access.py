"""Who may save a review: open locally, behind the passphrase when one is set, closed when
hosted without one; a wrong passphrase waits before it is refused."""

from __future__ import annotations

from geo.review_access import WRONG_DELAY, access, hosted, passphrase_ok


def test_who_may_review_depends_on_where_the_app_runs_and_the_passphrase():
    assert access(False, None).mode == "open"
    assert access(True, None).mode == "closed" and "read-only" in access(True, None).reason
    assert access(True, "s3cret").mode == access(False, "s3cret").mode == "passphrase"
    assert "s3cret" not in access(True, "s3cret").reason


def test_a_store_that_cannot_be_written_or_atlas_readonly_means_hosted(monkeypatch):
    monkeypatch.delenv("ATLAS_READONLY", raising=False)
    assert not hosted(True) and hosted(False)
    monkeypatch.setenv("ATLAS_READONLY", "1")
    assert hosted(True)


def test_a_wrong_passphrase_is_refused_only_after_a_pause():
    waits = []
    assert passphrase_ok("s3cret", "s3cret", sleep=waits.append) and waits == []
    assert not passphrase_ok("s3cre", "s3cret", sleep=waits.append)
    assert not passphrase_ok("", "", sleep=waits.append)  # no passphrase configured: never
    assert waits == [WRONG_DELAY, WRONG_DELAY] and 1 <= WRONG_DELAY <= 2
