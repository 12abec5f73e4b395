"""Which kind of document a file is, judged by its content (not its name or the browser's word).

``filetype`` (already used for the fund's receipts) reads the magic bytes, and for DOCX, XLSX and
ODT the ZIP parts only that kind has. A file whose name promises one kind and whose content is
another is refused by the caller.
"""

from __future__ import annotations

from typing import IO

import filetype

# filetype's extension → the document kind we store.
ACCEPTED = {"pdf": "pdf", "docx": "docx", "xlsx": "xlsx", "odt": "odt", "png": "png", "jpg": "jpg"}
EXTENSIONS = {**ACCEPTED, "jpeg": "jpg"}
# Enough of the file for filetype to see the ZIP parts of an office document.
HEAD_BYTES = 64 * 1024


def detect_kind(handle: IO[bytes]) -> str | None:
    """One of ``pdf docx xlsx odt png jpg``, or None when the content is none of them."""
    handle.seek(0)
    head = handle.read(HEAD_BYTES)
    handle.seek(0)
    guess = filetype.guess(head)
    return ACCEPTED.get(guess.extension) if guess is not None else None


def kind_from_name(filename: str) -> str | None:
    _stem, dot, extension = filename.rpartition(".")
    return EXTENSIONS.get(extension.lower()) if dot else None
