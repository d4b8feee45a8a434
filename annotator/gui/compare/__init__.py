"""Comparing coders side by side and adjudicating their differences."""
