"""Reads the municipality's exports, checks them by the contract and loads them into DuckDB."""
