"""Code points that are not text: one definition for the clean stage, which strips them from
what it stores, and for the terminal output, which shows them as codes."""

from __future__ import annotations

# DEL and the C1 controls (0x9b is an 8-bit CSI, the start of a terminal escape sequence).
DEL_AND_C1: tuple[int, ...] = tuple(range(0x7F, 0xA0))
# C0 controls but tab (0x09) and newline (0x0A), then DEL and C1. ESC (0x1b) is among them.
CONTROLS: tuple[int, ...] = (*range(0x00, 0x09), *range(0x0B, 0x20), *DEL_AND_C1)
# Bidi embeddings, overrides and isolates: they reorder what follows them on screen
# ("Trojan source"). The direction marks (LRM, RLM, ALM) are not among them.
BIDI_CONTROLS: tuple[int, ...] = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
