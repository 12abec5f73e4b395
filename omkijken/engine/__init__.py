"""The Omkijken allocation engine: pure Python (no Django import anywhere below this package).

* :mod:`omkijken.engine.allocation`: the public API (``allocate``, ``verify``, ``load_round``).
* :mod:`omkijken.engine.rules`: the yearly rule tables as data, and the passend/DAEB test.
* :mod:`omkijken.engine.texts`: every Dutch/English sentence a result carries, keyed by code.
* :mod:`omkijken.engine.generate`: synthetic rounds for tests and benchmarks.
* :mod:`omkijken.engine.cli`: ``omkijken allocate | verify | generate-round``.
"""
