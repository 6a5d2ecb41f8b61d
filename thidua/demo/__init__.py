"""Deterministic demo data: a seeded generator (no Django) and the loader that writes it.

`thidua.demo.vocab`, `thidua.demo.sizes`, `thidua.demo.organisation` and `thidua.demo.people`
never import Django: they yield dataclasses and numpy arrays. `thidua.demo.loader` writes them
with the ORM (COPY on PostgreSQL), `thidua.demo.registry` lets other apps add their own loaders.
"""
