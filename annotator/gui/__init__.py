"""The PySide6 workbench: the only package that imports Qt."""

import sys

if sys.version_info < (3, 12):
    # PySide6 6.12 returns None (from every void method) and True/False
    # without taking a reference to them, which on CPython 3.11 (where these
    # are reference-counted) drops their counts by one per call until the
    # interpreter aborts with "deallocating None" after a few thousand calls.
    # CPython 3.12 made them immortal (PEP 683); give them the same
    # effectively endless count here.
    import ctypes

    for _singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(_singleton)).value += 1 << 40
