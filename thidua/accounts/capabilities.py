"""What a person may do, named once: each role maps to its capabilities here, and pages,
services and the dossier workflow ask for a capability, never for a list of roles.

Adding a role is one line in ROLE_CAPABILITIES (plus a persona in the access matrix);
adding a capability is one member of Capability and the roles that hold it.
A capability held through a role assignment counts over that assignment's unit subtree
(thidua.accounts.access.capability_paths); an administrator holds every capability everywhere.
"""

from __future__ import annotations

from enum import StrEnum

from thidua.accounts.models import Role


class Capability(StrEnum):
    READ_SCOPE = "read_scope"  # see the campaigns, results, dossiers and reports of units in scope
    EDIT_SCOPE = "edit_scope"  # enter the data of units in scope: registrations, results, imports
    NOMINATE = "nominate"  # put a unit's people and collectives forward: create and send dossiers
    SUBMIT_INITIATIVE = "submit_initiative"  # file an initiative (staff file their own)
    MANAGE_CAMPAIGN = "manage_campaign"  # the Home Affairs office: recognise results, thresholds
    APPRAISE = "appraise"  # receive, appraise and forward dossiers at one's level
    RUN_COUNCIL = "run_council"  # the council's standing office: meetings, minutes, vote records
    REVIEW = "review"  # see the dossiers and council meetings of one's level
    VOTE = "vote"  # a council member: vote on candidates, score initiatives
    SIGN = "sign"  # sign decisions and certificates
    TAKE_PART = "take_part"  # a staff member: enter contests, see one's own record
    ADMINISTER = "administer"  # accounts, the whole system


ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.ADMIN: frozenset(Capability),
    Role.OWNER: frozenset({
        Capability.READ_SCOPE, Capability.EDIT_SCOPE, Capability.NOMINATE,
        Capability.SUBMIT_INITIATIVE, Capability.MANAGE_CAMPAIGN, Capability.APPRAISE,
        Capability.RUN_COUNCIL, Capability.REVIEW,
    }),
    Role.OFFICER: frozenset({
        Capability.READ_SCOPE, Capability.EDIT_SCOPE, Capability.NOMINATE, Capability.SUBMIT_INITIATIVE,
    }),
    Role.COUNCIL: frozenset({Capability.READ_SCOPE, Capability.REVIEW, Capability.VOTE}),
    Role.SIGNER: frozenset({Capability.READ_SCOPE, Capability.REVIEW, Capability.SIGN}),
    Role.STAFF: frozenset({Capability.TAKE_PART, Capability.SUBMIT_INITIATIVE}),
}

# Capabilities whose misuse or a stolen password costs most: whoever holds one passes a second
# step (TOTP or a recovery code) at login.
TWO_FACTOR_CAPABILITIES = frozenset({
    Capability.ADMINISTER, Capability.MANAGE_CAMPAIGN, Capability.VOTE, Capability.SIGN,
})


def roles_with(*capabilities: Capability) -> frozenset[str]:
    """The roles holding any of `capabilities` (administrators always included)."""
    wanted = set(capabilities)
    return frozenset(role for role, held in ROLE_CAPABILITIES.items() if held & wanted)


def capabilities_of(roles: frozenset[str] | set[str]) -> frozenset[Capability]:
    """Everything the holder of `roles` may do somewhere."""
    held: set[Capability] = set()
    for role in roles:
        held |= ROLE_CAPABILITIES.get(role, frozenset())
    return frozenset(held)
