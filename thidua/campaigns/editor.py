"""The plan editor: the header form and the formsets of a plan, turned into a plan dict, and the
plan's problems put back next to the fields they concern."""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from django import forms

from thidua.campaigns.forms import FORMSETS, SECTIONS, PlanHeaderForm, row_initial
from thidua.campaigns.models import Campaign
from thidua.campaigns.plan import uses_default_outline
from thidua.campaigns.validation import Problem

HEADER_FIELDS = {
    "code": "code", "issuer": "issuer", "title": "title", "issuing_body": "issuing_body",
    "doc_type": "doc_type", "kind": "kind", "issued_on": "issued_on",
    "number_symbol": "number_symbol", "period_start": "period_start",
    "period_end": "period_end", "targets": "collective_text", "reason": "reason",
    "effective_on": "effective_on",
}


def blank_plan() -> dict[str, Any]:
    return {"doc_type": "KẾ HOẠCH", "kind": "annual", "outline_auto": True,
            "targets": {"collective": {}, "individual": {}}}


def header_initial(plan: Mapping[str, Any]) -> dict[str, Any]:
    period = plan.get("period") or {}
    targets = plan.get("targets") or {}
    signature = plan.get("signature") or {}
    import yaml

    parameters = plan.get("parameters") or {}
    return {
        "code": plan.get("code"), "doc_type": plan.get("doc_type"), "kind": plan.get("kind"),
        "title": plan.get("title"), "theme": plan.get("theme"),
        "parent_body": plan.get("parent_body"), "issuing_body": plan.get("issuing_body"),
        "number_symbol": plan.get("number_symbol"), "place": plan.get("place"),
        "issued_on": plan.get("issued_on"), "period_start": period.get("start"),
        "period_end": period.get("end"), "period_text": period.get("text"),
        "enacting_text": (plan.get("enacting_clause") or {}).get("text"),
        "collective_text": (targets.get("collective") or {}).get("text"),
        "collective_categories": (targets.get("collective") or {}).get("categories") or [],
        "individual_text": (targets.get("individual") or {}).get("text"),
        "signature_authority": signature.get("authority_line"),
        "signature_title": signature.get("title_line"), "signer": signature.get("signer"),
        "recipients": "\n".join(plan.get("recipients") or []),
        "parameters": yaml.safe_dump(parameters, allow_unicode=True, sort_keys=False)
        if parameters else "",
    }


class PlanEditor:
    """Everything the edit page shows and reads back."""

    def __init__(self, *, user: Any, base: Mapping[str, Any], data: Any = None,
                 campaign: Campaign | None = None) -> None:
        self.base = copy.deepcopy(dict(base))
        self.campaign = campaign
        self.creating = campaign is None
        self.amending = campaign is not None and not campaign.is_draft
        self.auto = uses_default_outline(self.base)
        initial = header_initial(self.base)
        if campaign is not None:
            initial["edit_version"] = campaign.edit_version
        self.header = PlanHeaderForm(data, user=user, creating=self.creating,
                                     amending=self.amending, initial=initial, prefix="plan")
        self.formsets = {
            key: FORMSETS[key](data, prefix=key,
                               initial=[row_initial(key, r) for r in self.base.get(key) or []])
            for key, _label, _form in SECTIONS
        }
        self.row_forms: dict[str, list[forms.Form]] = {}
        self.section_errors: dict[str, list[str]] = defaultdict(list)

    @property
    def sections(self) -> list[tuple[str, str, Any, list[str]]]:
        return [(key, label, self.formsets[key], self.section_errors.get(key, []))
                for key, label, _form in SECTIONS]

    def is_valid(self) -> bool:
        valid = self.header.is_valid()
        for formset in self.formsets.values():
            valid = formset.is_valid() and valid
        return valid

    def plan(self) -> dict[str, Any]:
        """The plan the forms describe; rows keep the keys the forms do not edit."""
        data = self.header.cleaned_data
        plan = {k: v for k, v in self.base.items()
                if k not in self.formsets and not k.startswith("_")}
        issuer = data.get("issuer")
        if issuer is not None:
            plan["issuer_unit_code"] = issuer.code
        elif self.campaign is not None:
            plan["issuer_unit_code"] = self.campaign.issuer.code
        for key in ("code", "doc_type", "kind", "title", "issuing_body", "issued_on"):
            plan[key] = data.get(key)
        for key in ("theme", "parent_body", "number_symbol", "place"):
            plan[key] = data.get(key) or None
        plan["period"] = {**(self.base.get("period") or {}), "start": data.get("period_start"),
                          "end": data.get("period_end"), "text": data.get("period_text") or None}
        if data.get("enacting_text"):
            enacting = dict(self.base.get("enacting_clause") or {})
            enacting["text"] = data["enacting_text"]
            plan["enacting_clause"] = enacting
        else:
            plan["enacting_clause"] = None
        targets = copy.deepcopy(self.base.get("targets") or {})
        collective = dict(targets.get("collective") or {})
        collective.update(text=data.get("collective_text") or None,
                          categories=list(data.get("collective_categories") or []))
        individual = dict(targets.get("individual") or {})
        individual["text"] = data.get("individual_text") or None
        targets.update(collective=collective, individual=individual)
        plan["targets"] = targets
        plan["signature"] = {"authority_line": data.get("signature_authority") or None,
                             "title_line": data.get("signature_title") or None,
                             "signer": data.get("signer") or None}
        plan["recipients"] = [line.strip() for line in (data.get("recipients") or "").splitlines()
                              if line.strip()]
        plan["parameters"] = data.get("parameters") or {}
        for key, formset in self.formsets.items():
            by_id = {row["_id"]: row for row in self.base.get(key) or [] if row.get("_id")}
            rows: list[dict[str, Any]] = []
            kept: list[forms.Form] = []
            for form in formset.forms:
                if formset.can_delete and form.cleaned_data.get("DELETE"):
                    continue
                row_id = form.cleaned_data.get("row_id")
                if not row_id and not form.has_changed():
                    continue
                row = dict(by_id.get(row_id, {})) if row_id else {}
                row.update(form.row())  # type: ignore[attr-defined]
                row = {k: v for k, v in row.items() if v is not None}
                if row_id:
                    row["_id"] = row_id
                if self.auto:
                    row["clause"] = ""
                rows.append(row)
                kept.append(form)
            plan[key] = rows
            self.row_forms[key] = kept
        return plan

    def attach(self, problems: Sequence[Problem]) -> None:
        """Put each problem on its field; rows that cannot show it get it above their section."""
        for problem in problems:
            if problem.section is None:
                field = HEADER_FIELDS.get(problem.field or "")
                if field not in self.header.fields:
                    field = None
                self.header.add_error(field, problem.message)
                continue
            kept = self.row_forms.get(problem.section, [])
            if problem.index is None or problem.index >= len(kept):
                self.section_errors[problem.section].append(problem.message)
                continue
            form = kept[problem.index]
            field = problem.field
            if field == "date" and form.cleaned_data.get("timing") == "window":
                field = "window_end"
            elif field == "date" and form.cleaned_data.get("timing") != "date":
                field = None
            if field == "code" and problem.section == "quotas":
                field = None
            form.add_error(field if field in form.fields else None, problem.message)
