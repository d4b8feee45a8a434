"""The application: start-up, the window controller (which owns the open windows
and opens the other rooms' dialogs), settings, theme, workers and the crash dialog."""
