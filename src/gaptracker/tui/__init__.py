"""The Textual app. Imports services and domain, never storage."""
