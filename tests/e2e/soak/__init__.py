"""A soak of one library shared by the window's own objects and killed CLI writers.

``run_soak`` is used by ``tests/e2e/test_soak.py`` (about a minute, in CI) and by
``benchmarks/soak.py`` (as long as you like, printing the figures).
"""
