"""Plain dataclasses and pure functions shared by every layer (no I/O, no Qt)."""
