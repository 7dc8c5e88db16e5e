"""The curriculum: content folders, and the pure code that loads, checks and grades them."""
