"""awards app."""
