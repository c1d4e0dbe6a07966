"""One rule for typed numbers (``chairlog.clinical.numbers``), the same in every field: vitals,
scores, rates, doses and weights, through the service API as in the window."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chairlog.clinical.numbers import decimal_text, parse_float
from chairlog.clinical.scales import validate_score
from chairlog.clinical.vitals import validate_vitals
from chairlog.errors import ValidationError
from chairlog.present.units import parse_number
from chairlog.services import charting, doses
from tests.conftest import Clinic, ready_to_infuse

ACCEPTED = {"70": 70.0, " 98.6 ": 98.6, "70,5": 70.5, "+5": 5.0, "-3": -3.0, ".5": 0.5,
            "5.": 5.0, "0": 0.0, "007": 7.0}
REFUSED = ["", " ", "-", ".", ",", "1e2", "1E2", ".5e2", "1_000", "1,000.5", "1.2.3", "٩٩", "９９",
           "nan", "NaN", "inf", "-Infinity", "0x10", "1 000", "5 mg", "twelve", "½", "²"]


@pytest.mark.parametrize(("text", "value"), sorted(ACCEPTED.items()))
def test_plain_decimals_are_numbers(text: str, value: float) -> None:
    assert parse_float(text) == value
    assert parse_number(text) == Fraction(str(value))


@pytest.mark.parametrize("text", REFUSED)
def test_anything_else_is_refused_not_reinterpreted(text: str) -> None:
    assert parse_float(text) is None and decimal_text(text) is None
    assert parse_number(text) is None


@pytest.mark.parametrize("given_value", [True, False, None, float("nan"), float("inf"), [1], b"1"])
def test_values_that_are_not_finite_numbers(given_value: Any) -> None:
    assert parse_float(given_value) is None


@given(st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-10**6,
                   max_value=10**6))
def test_every_plain_decimal_reads_back_exactly(d: Any) -> None:
    text = f"{d:f}"
    assert parse_number(text) == Fraction(text)
    assert parse_float(text.replace(".", ",")) == float(text)


@pytest.mark.parametrize("typed", ["1_00", "٩٩", "１００", "1e2"])
def test_vitals_and_scores_refuse_what_float_would_read(typed: str) -> None:
    base = {"hr": 72, "sbp": 120, "dbp": 78, "spo2": 98, "rr": 14}
    with pytest.raises(ValidationError) as e:
        validate_vitals({**base, "hr": typed})
    assert e.value.field == "hr"

@pytest.mark.parametrize("typed", ["٥", "５", "5e0", "0_5"])
def test_scores_refuse_what_float_would_read(typed: str) -> None:
    with pytest.raises(ValidationError):
        validate_score("pain_nrs", typed)
    assert validate_score("pain_nrs", " 5 ")[1] == 5


def test_the_service_api_reads_every_field_alike(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic)
    app, n = clinic.app, clinic.nurse
    with pytest.raises(ValidationError) as e:
        doses.start_infusion(app, n, s.id, "0_5")
    assert e.value.field == "rate"
    doses.start_infusion(app, n, s.id, "0,5")
    with pytest.raises(ValidationError) as e:
        charting.record_vitals(app, n, s.id, {"hr": "٧٢", "sbp": 120, "dbp": 78, "spo2": 98,
                                               "rr": 14})
    assert e.value.field == "hr"
    v = charting.record_vitals(app, n, s.id, {"hr": " 72 ", "sbp": "120", "dbp": 78,
                                              "spo2": 98, "rr": 14, "temp_c": "36,8"})
    assert v.entry.data["hr"] == 72 and v.entry.data["temp_c"] == 36.8
    with pytest.raises(ValidationError) as e:
        charting.record_assessment(app, n, s.id, "pain_nrs", "1e0")
    assert e.value.field == "score"
