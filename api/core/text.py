"""Text folding for search: Vietnamese typed with or without accents finds the same names."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower case, no diacritics, đ → d: "Thủ Đức" and "thu duc" fold to the same "thu duc"."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return " ".join(unicodedata.normalize("NFC", stripped).split())
