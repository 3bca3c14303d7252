"""Whether the shared store answers, and what a page says while it does not.

A team's PostgreSQL can go away (a restart, a network cut) while the app runs,
or before it starts.  Pages then keep working on the last data they read and
say so in one sentence, and they return to the live store by themselves: the
store is asked again on every page run, never replaced by a stand-in for good.
One :class:`Outage` is shared by every session of an app process.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass
class Outage:
    """When the store stopped answering (None: it answers) and the last article count read."""

    since: datetime | None = None
    last_count: int | None = None

    def failed(self, now: datetime | None = None) -> None:
        if self.since is None:
            self.since = now or datetime.now(UTC)

    def answered(self, count: int) -> None:
        self.since, self.last_count = None, count

    def notice(self) -> str | None:
        """The sentence pages show during an outage, or None when the store answers."""
        if self.since is None:
            return None
        when = self.since.astimezone(UTC).strftime("%H:%M UTC")
        shown = (
            "showing the last data read"
            if self.last_count is not None
            else "nothing has been read from it yet, so this view is empty"
        )
        return (
            f"The shared store is unreachable since {when}; {shown}. "
            "Pages return to it by themselves when it is back."
        )
