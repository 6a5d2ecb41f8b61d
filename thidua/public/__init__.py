"""public app."""
