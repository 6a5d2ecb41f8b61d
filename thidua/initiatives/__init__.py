"""initiatives app."""
