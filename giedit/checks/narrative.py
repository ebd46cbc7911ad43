"""Narrative rules (N-*); filled in below."""
