"""campaigns app."""
