"""The workbench fixtures of the GUI tests, for the window cases here."""

from tests.gui.conftest import article, private_settings, project_path, window  # noqa: F401
