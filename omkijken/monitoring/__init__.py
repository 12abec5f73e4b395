"""Monitoring: portfolio indicators, mix snapshots, resident surveys, Leefbaarometer scores and
the Nieuwe Buren count. Definitions: docs/monitoring.md."""
