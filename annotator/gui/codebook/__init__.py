"""The codebook editor: the code tree and the form for one code."""
