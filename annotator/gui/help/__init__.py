"""The user guide and the shortcut sheet."""
