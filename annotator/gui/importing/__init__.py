"""The import dialog and its report."""
