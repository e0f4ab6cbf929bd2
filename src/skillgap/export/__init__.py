"""Reports and results for people and scripts: one module per output format, and the words
they share."""
