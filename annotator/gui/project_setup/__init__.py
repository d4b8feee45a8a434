"""Setting up a project: the new-project assistant."""
