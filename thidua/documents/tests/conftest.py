"""Shared fixtures: every sample document built once and converted in ONE LibreOffice run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from thidua.documents import (
    achievement_report_docx,
    award_decision_docx,
    campaign_plan_docx,
    certificate_docx,
    council_minutes_docx,
    nominee_list_docx,
    proposal_docx,
    registration_docx,
    to_pdf_many,
)
from thidua.documents import samples as s


@dataclass(frozen=True)
class Built:
    docx: bytes
    pdf: Path


def sample_docx() -> dict[str, bytes]:
    return {
        "plan": campaign_plan_docx(s.sample_plan()),
        "registration": registration_docx(s.sample_registration()),
        "proposal": proposal_docx(s.sample_proposal()),
        "minutes": council_minutes_docx(s.sample_minutes()),
        "report_2022": achievement_report_docx(s.sample_achievement_report(on=date(2022, 12, 1))),
        "report_2024": achievement_report_docx(s.sample_achievement_report(on=date(2024, 12, 2))),
        "report_2025": achievement_report_docx(s.sample_achievement_report()),
        "decision": award_decision_docx(s.sample_decision()),
        "decision_long": award_decision_docx(s.sample_decision(25)),
        "nominees": nominee_list_docx(s.sample_nominee_list()),
        "certificates": certificate_docx(s.sample_certificates(3)),
    }


@pytest.fixture(scope="session")
def built_docx() -> dict[str, bytes]:
    return sample_docx()


@pytest.fixture(scope="session")
def converted(built_docx: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory
              ) -> dict[str, Built]:
    work = tmp_path_factory.mktemp("documents")
    paths = []
    for name, data in built_docx.items():
        path = work / f"{name}.docx"
        path.write_bytes(data)
        paths.append(path)
    pdfs = to_pdf_many(paths, work / "pdf")
    return {name: Built(built_docx[name], pdf)
            for name, pdf in zip(built_docx, pdfs, strict=True)}
