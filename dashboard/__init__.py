"""Shared dashboard code: queries, auth, filters, formatting, charts, reports."""
