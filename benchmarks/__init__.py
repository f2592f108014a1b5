"""Benchmarks: load throughput, page queries cold and warm, a pandas peer, memory, browser."""
