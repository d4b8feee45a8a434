"""File > Export… and File > Import annotations…: the exchange formats from the window."""
