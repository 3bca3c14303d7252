"""Which character encoding a file is in, decided once per file on evidence, then streamed.

Why per file and on evidence: one stray byte in a UTF-8 file used to send the
whole file to an open-ended guess (and "Bāghūz" came back as "Bؤپghإ«z").  A
UTF-8 file is recognised by its valid multi-byte sequences, which legacy code
pages almost never form by chance; a few invalid bytes among them are replaced
with U+FFFD and counted, and the records holding them are flagged.  Only a file
with no UTF-8 evidence is given to charset-normalizer, restricted first to the
region's legacy code pages.  UTF-16 and UTF-32 are recognised by their BOM or,
without one, by where their zero bytes fall; an odd trailing byte is replaced.

The decision is a :class:`Decision` so that ``--json`` output can show it.
"""

from __future__ import annotations

import codecs
import io
from dataclasses import dataclass
from typing import BinaryIO

SAMPLE_BYTES = 1 << 20
"""How much of a file the code-page guess and the UTF-16/32 test look at."""
CHUNK_BYTES = 1 << 20
MAX_INVALID_SHARE = 0.5
"""UTF-8 while invalid sequences are at most this share of the non-ASCII evidence (a legacy
code page forms a valid multi-byte sequence only by rare chance, so its share is near 1)."""
REPLACEMENT = "\ufffd"

# The region's legacy encodings, tried before an open-ended guess: left to choose
# freely, charset-normalizer reads short Latin-1 French as Central European cp1250.
_LEGACY_ENCODINGS = ["cp1252", "latin_1", "cp1256", "iso8859_6", "cp1254", "iso8859_9"]
_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]  # fmt: skip


class Unreadable(ValueError):
    """A file or record that cannot give an article; the message is shown to the user."""


@dataclass(frozen=True)
class Decision:
    """The encoding chosen for a file, the evidence for it, and bytes that did not decode."""

    encoding: str
    evidence: str
    replaced: int = 0

    def __str__(self) -> str:
        replaced = f", {self.replaced} undecodable bytes replaced" if self.replaced else ""
        return f"{self.encoding} ({self.evidence}{replaced})"


def decide(stream: BinaryIO) -> Decision:
    """The encoding of the file ``stream`` reads; leaves it at position 0.

    One pass over the file in chunks (constant memory): UTF-8 validity is a
    property of the whole file, not of its first megabyte.
    """
    sample = stream.read(SAMPLE_BYTES)
    stream.seek(0)
    for bom, encoding in _BOMS:
        if sample.startswith(bom):
            return Decision(encoding, "byte order mark", _count_invalid(stream, encoding))
    if wide := _wide_encoding(sample):
        return Decision(
            wide, "zero bytes in the pattern of a wide encoding", _count_invalid(stream, wide)
        )
    if b"\x00" in sample:
        raise Unreadable("binary file (it contains NUL bytes), not text")
    non_ascii, invalid = _utf8_evidence(stream)
    stream.seek(0)
    if invalid == 0:
        return Decision("utf-8", "valid UTF-8" if non_ascii else "ASCII")
    if non_ascii and invalid <= MAX_INVALID_SHARE * (non_ascii + invalid):
        return Decision("utf-8", f"UTF-8 by {non_ascii} valid non-ASCII characters", invalid)
    return _legacy(sample)


def _wide_encoding(sample: bytes) -> str | None:
    """UTF-32 or UTF-16 (little or big endian) without a BOM, told by where zero bytes fall.

    Text in these encodings has a zero byte in the same place of most units
    (ASCII, spaces and newlines in UTF-16; every BMP character in UTF-32) and
    almost never in the other place; binary data has zeros anywhere.
    """
    head = sample[: 1 << 16]
    if len(head) < 4:
        return None

    def zeros(offset: int, width: int) -> float:
        slot = head[offset::width]
        return slot.count(0) / max(len(slot), 1)

    z4 = [zeros(offset, 4) for offset in range(4)]
    if z4[2] > 0.9 and z4[3] > 0.9 and z4[0] < 0.1:
        return "utf-32-le"
    if z4[0] > 0.9 and z4[1] > 0.9 and z4[3] < 0.1:
        return "utf-32-be"
    even, odd = zeros(0, 2), zeros(1, 2)
    if odd > 0.1 and even < 0.02:
        return "utf-16-le"
    if even > 0.1 and odd < 0.02:
        return "utf-16-be"
    return None


def _utf8_evidence(stream: BinaryIO) -> tuple[int, int]:
    """Counts of valid non-ASCII characters and of invalid sequences, over the whole file."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    non_ascii = invalid = 0
    while chunk := stream.read(CHUNK_BYTES):
        text = decoder.decode(chunk)
        if not text.isascii():
            replaced = text.count(REPLACEMENT)
            invalid += replaced
            # Characters over U+007F are the ones an ASCII encode drops (counted in C: a
            # Python loop over the characters cost 1 s of a 29 MB ingest's start).
            non_ascii += len(text) - len(text.encode("ascii", "ignore")) - replaced
    invalid += decoder.decode(b"", final=True).count(REPLACEMENT)
    return non_ascii, invalid


def _count_invalid(stream: BinaryIO, encoding: str) -> int:
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    count = 0
    while chunk := stream.read(CHUNK_BYTES):
        count += decoder.decode(chunk).count(REPLACEMENT)
    count += decoder.decode(b"", final=True).count(REPLACEMENT)
    stream.seek(0)
    return count


def _legacy(sample: bytes) -> Decision:
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=_LEGACY_ENCODINGS).best()
    evidence = "not UTF-8; best fit among the region's code pages"
    if best is None:
        best = from_bytes(sample).best()
        evidence = "not UTF-8; best fit among all code pages"
    if best is None:
        raise Unreadable("not text: no character encoding fits its bytes")
    return Decision(codecs.lookup(best.encoding).name, evidence)


def text_stream(stream: BinaryIO, decision: Decision, newline: str | None) -> io.TextIOWrapper:
    """The file as text in the decided encoding, bad bytes replaced, lines as ``newline`` says."""
    return io.TextIOWrapper(stream, encoding=decision.encoding, errors="replace", newline=newline)


def decode(data: bytes) -> str:
    """All of ``data`` as text (for small inputs: a sidecar, a pasted or single-article file)."""
    stream = io.BytesIO(data)
    return text_stream(stream, decide(stream), newline="").read()
