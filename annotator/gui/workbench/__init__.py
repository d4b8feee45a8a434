"""The coding workbench: the main window, its panels and its undoable commands."""
