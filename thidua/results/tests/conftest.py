"""Fixtures of the results tests: default thresholds and spreadsheet files built in memory."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.results.imports import KINDS


@pytest.fixture
def bands(db):
    from thidua.results.models import ClassificationThresholds

    return ClassificationThresholds.objects.create(
        scope=None, valid_from=date(2021, 1, 1), excellent_min=Decimal(90), good_min=Decimal(80),
        fair_min=Decimal(70), average_min=Decimal(50), legal_basis="Ngưỡng chung")


def sheet(kind: str, rows: list[list], name: str = "tep.csv") -> SimpleUploadedFile:
    """A CSV upload with the kind's template header and the given rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c.header for c in KINDS[kind].columns])
    for row in rows:
        writer.writerow(row + [""] * (len(KINDS[kind].columns) - len(row)))
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), content_type="text/csv")


@pytest.fixture
def make_sheet():
    return sheet
