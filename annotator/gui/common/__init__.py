"""Small widgets and helpers that several rooms use."""
