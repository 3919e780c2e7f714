"""What the benchmarks in ``bench/`` build on: records at scale that are never news.

:mod:`detente.bench.synthetic` fills a scratch SQLite file with marked synthetic documents,
sentences and events for the query and merge benchmarks.  It sits beside the merge and the
exporters: above the store (which writes the rows, :mod:`detente.store.synthetic`) and the
extractors (whose CAMEO codebook gives the events their values).
"""
