"""Award-standard language: parse, evaluate over populations, explain, allocate quotas (no Django)."""
