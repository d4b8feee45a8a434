"""The PySide6 workbench: the only package that imports Qt."""

import sys

if sys.version_info < (3, 12):
    # PySide6 6.12 returns None from every void method without taking a
    # reference to it, which on CPython 3.11 (where None is reference-counted)
    # drops None's count by one per call until the interpreter aborts with
    # "deallocating None" after a few thousand calls. CPython 3.12 made None
    # immortal (PEP 683); give it the same effectively endless count here.
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
