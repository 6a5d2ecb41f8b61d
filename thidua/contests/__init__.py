"""contests app."""
