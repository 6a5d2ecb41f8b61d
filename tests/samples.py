"""URL keyword samples for the access matrix: an object in the persona's scope, and one outside.

Every URL keyword argument must have an entry here. `own` returns None when the persona has no
such object of its own (then the page must be refused). Parts of the product add their kinds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from thidua.core.testing import World

# persona -> (own unit key or None, other unit key)
UNIT_SCOPE = {
    "ada_admin": ("X1", "Y1"),
    "alice_owner": ("X1", "Y1"),
    "olga_officer": ("X1", "X3"),
    "carl_council": ("X1", "Y1"),
    "sam_signer": ("X1", "Y1"),
    "stan_staff": (None, "X3"),
}
PERSON_SCOPE = {
    "ada_admin": ("p_x1", "p_y1"),
    "alice_owner": ("p_x1", "p_y1"),
    "olga_officer": ("p_x1", "p_x3"),
    "carl_council": ("p_x1", "p_y1"),
    "sam_signer": ("p_x1", "p_y1"),
    "stan_staff": ("p_staff", "p_x3"),
}

Sample = Callable[[World, str, bool], Any]


def _unit(world: World, persona: str, own: bool) -> Any:
    key = UNIT_SCOPE[persona][0 if own else 1]
    return None if key is None else world.units[key].pk


def _person(world: World, persona: str, own: bool) -> Any:
    key = PERSON_SCOPE[persona][0 if own else 1]
    return None if key is None else world.people[key].pk


# Keyword -> sample. Plain (non-object) keywords return the same value for own and other.
SAMPLES: dict[str, Sample] = {
    "unit_id": _unit,
    "person_id": _person,
    "kind": lambda world, persona, own: "can-bo",
    "dataset": lambda world, persona, own: "people",
    "fmt": lambda world, persona, own: "csv",
}
# Keywords whose value is not an object in some unit: no "other" check is possible.
NON_OBJECT = {"kind", "dataset", "fmt"}
