"""org app."""
