"""Running the study: coders, assignment, coder packages and merging them."""
