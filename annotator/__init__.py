"""Annotator: code news articles, compare coders, report reliability."""

__version__ = "0.1.0"
