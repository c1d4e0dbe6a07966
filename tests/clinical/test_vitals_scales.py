"""Vitals plausibility and alert thresholds; assessment scales."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chairlog.clinical.scales import Scale, validate_score
from chairlog.clinical.vitals import (
    PLAUSIBLE,
    AlertThresholds,
    evaluate_vitals,
    near_baseline,
    validate_vitals,
)
from chairlog.errors import ValidationError

GOOD = {"hr": 72, "sbp": 120, "dbp": 80, "spo2": 98, "rr": 14}


def test_valid_set_and_map() -> None:
    v = validate_vitals({**GOOD, "temp_c": "36,8", "etco2": "38"})
    assert v.temp_c == 36.8 and v.etco2 == 38
    assert v.map_mmhg == pytest.approx((120 + 160) / 3)


@pytest.mark.parametrize(
    "field,value",
    [
        ("hr", 400),
        ("hr", 19),
        ("sbp", 301),
        ("spo2", 101),
        ("rr", 3),
        ("temp_c", 44),
        ("hr", "abc"),
        ("hr", 72.5),
        ("spo2", None),
        ("hr", True),
    ],
)
def test_implausible_refused_names_field_and_range(field: str, value: object) -> None:
    with pytest.raises(ValidationError) as e:
        validate_vitals({**GOOD, field: value})
    assert e.value.field == field
    rng = PLAUSIBLE[field]
    assert f"{rng.low:g}" in str(e.value) and rng.label in str(e.value)


def test_diastolic_must_be_below_systolic() -> None:
    with pytest.raises(ValidationError) as e:
        validate_vitals({**GOOD, "sbp": 90, "dbp": 95})
    assert e.value.field == "dbp" and "below the systolic" in str(e.value)


@given(hr=st.integers(-1000, 1000))
def test_heart_rate_accepted_iff_plausible(hr: int) -> None:
    if 20 <= hr <= 250:
        assert validate_vitals({**GOOD, "hr": hr}).hr == hr
    else:
        with pytest.raises(ValidationError):
            validate_vitals({**GOOD, "hr": hr})


def test_thresholds() -> None:
    t = AlertThresholds()
    base = validate_vitals(GOOD)
    assert evaluate_vitals(base, t, base) == []
    high = validate_vitals({**GOOD, "sbp": 185, "dbp": 112, "hr": 125, "spo2": 90})
    codes = {f.code for f in evaluate_vitals(high, t, base)}
    assert {"sbp_high", "dbp_high", "hr_high", "spo2_low", "sbp_rise", "dbp_rise"} <= codes
    pre = validate_vitals({**GOOD, "sbp": 150})
    assert [f.code for f in evaluate_vitals(pre, t, None, pre_dose=True)] == ["predose_bp"]
    off = AlertThresholds(sbp_max=None, sbp_rise_max=None)
    assert "sbp_high" not in {f.code for f in evaluate_vitals(high, off, base)}


def test_near_baseline() -> None:
    base = validate_vitals(GOOD)
    assert near_baseline(validate_vitals({**GOOD, "sbp": 140}), base)
    assert not near_baseline(validate_vitals({**GOOD, "sbp": 150}), base)


def test_scales() -> None:
    assert validate_score("pain_nrs", 7)[1] == 7
    assert validate_score(Scale.RASS, -5)[1] == -5
    _sc, total, items = validate_score("aldrete", items=[2, 2, 1, 2, 2])
    assert total == 9 and items == (2, 2, 1, 2, 2)
    with pytest.raises(ValidationError) as e:
        validate_score("pain_nrs", 11)
    assert "0–10" in str(e.value)
    with pytest.raises(ValidationError):
        validate_score("cadss6", items=[5, 0, 0, 0, 0, 0])
    with pytest.raises(ValidationError):
        validate_score("moaas", 2.5)
    with pytest.raises(ValidationError):
        validate_score("bogus", 1)
