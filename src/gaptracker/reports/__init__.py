"""Renderers: report models in, text out. Pure: no I/O, no Textual, no storage."""
