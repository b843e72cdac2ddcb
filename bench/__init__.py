"""Benchmarks: scripts that print figures (latency, throughput, memory). Not tests; see bench/README.md."""
