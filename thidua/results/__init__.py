"""results app."""
