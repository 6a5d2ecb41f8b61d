"""eligibility app."""
