"""Unit conversion (``present.units``): exact factors, round trips, the converted plausibility
limits and hostile typed values. Stored values are kg and °C whatever the clinic chooses."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from chairlog.errors import ValidationError
from chairlog.present.units import (
    KG_PER_LB,
    STORED,
    Units,
    c_to_f,
    f_to_c,
    kg_to_lb,
    lb_to_kg,
    parse_number,
)

LB_F = Units("lb", "F")


def test_exact_factors() -> None:
    assert Fraction("0.45359237") == KG_PER_LB
    assert lb_to_kg(1, None) == 0.45359237
    assert lb_to_kg(154) == 69.8532          # 69.85322498 → 4 decimals
    assert kg_to_lb(0.45359237) == 1.0
    assert c_to_f(37) == 98.6 and c_to_f(0) == 32 and c_to_f(100) == 212
    assert c_to_f(-40) == -40 and f_to_c(-40) == -40
    assert f_to_c(98.6) == 37.0 and f_to_c(100.4) == 38.0 and f_to_c(212) == 100.0


def test_half_up_rounding_not_to_even() -> None:
    # 97.25 °F = 36.25 °C exactly: half-up gives 36.3 (round() would give 36.2)
    assert f_to_c(97.25) == 36.3
    assert f_to_c(97.25, None) == 36.25


@pytest.mark.parametrize("lb", ["4.5", "100", "154", "154.3", "199.99", "881.8", "220,46"])
def test_a_weight_typed_in_lb_re_displays_as_typed(lb: str) -> None:
    kg = LB_F.weight_to_kg(lb)
    assert isinstance(kg, float)
    typed = Fraction(lb.replace(",", "."))
    assert LB_F.weight_number(kg) == format(float(typed), "g")
    # the stored kg is within 0.00005 kg of the exact conversion
    assert abs(Fraction(str(kg)) - typed * KG_PER_LB) <= Fraction(1, 20000)


@pytest.mark.parametrize("lb_hundredths", range(450, 88181, 997))
def test_every_two_decimal_lb_round_trips(lb_hundredths: int) -> None:
    lb = Fraction(lb_hundredths, 100)
    assert kg_to_lb(lb_to_kg(lb), 2) == float(lb)


def test_c_to_f_to_c_round_trips_at_the_stored_precision() -> None:
    for tenths in range(300, 431):
        c = tenths / 10
        assert f_to_c(c_to_f(c, 1)) == c


def test_limits_are_the_stored_limits_rounded_inward() -> None:
    assert STORED.weight_limits() == (2.0, 400.0)
    assert LB_F.weight_limits() == (4.5, 881.8)        # 4.409 → 4.5, 881.849 → 881.8
    assert LB_F.temperature_limits() == (86.0, 109.4)
    assert LB_F.weight_accepted() == "a number from 4.5 to 881.8 lb"
    assert LB_F.temperature_accepted() == "86–109.4 °F"
    low, high = LB_F.weight_limits()
    assert LB_F.weight_to_kg(str(low)) >= 2 and LB_F.weight_to_kg(str(high)) <= 400
    assert LB_F.temperature_to_c("86") == 30.0 and LB_F.temperature_to_c("109.4") == 43.0


@pytest.mark.parametrize("typed", ["4.4", "881.9", "0", "-154", "nan", "NaN", "inf", "-inf",
                                   "1e3", "1e400", "9" * 400, "", "  ", "abc", "1.2.3", "154lb",
                                   "١٥٤", "0x9A", ".", "+", "--1"])
def test_hostile_or_implausible_lb_is_refused_naming_field_and_range(typed: str) -> None:
    with pytest.raises(ValidationError) as e:
        LB_F.weight_to_kg(typed)
    assert e.value.field == "weight_kg"
    assert "weight (lb)" in str(e.value) and "4.5 to 881.8 lb" in str(e.value)


@pytest.mark.parametrize("typed", ["85.9", "109.5", "37", "-98.6", "nan", "inf", "1e2", "x"])
def test_implausible_fahrenheit_is_refused_in_fahrenheit(typed: str) -> None:
    with pytest.raises(ValidationError) as e:
        LB_F.temperature_to_c(typed)
    assert e.value.field == "temp_c" and "86–109.4 °F" in str(e.value)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), True, None, [], "1e5", "1_000"])
def test_parse_number_refuses_what_is_not_a_plain_number(value: Any) -> None:
    assert parse_number(value) is None


def test_parse_number_accepts_comma_spaces_and_sign() -> None:
    assert parse_number(" 70,5 ") == Fraction(141, 2)
    assert parse_number("+1") == 1 and parse_number("-2.5") == Fraction(-5, 2)
    assert parse_number(98.6) == Fraction("98.6")


def test_kg_and_celsius_clinics_pass_typed_text_to_the_service_unchanged() -> None:
    assert STORED.weight_to_kg("72,5") == "72,5"    # the service checks and names the field
    assert STORED.temperature_to_c("36,8") == "36,8"
    assert STORED.temperature_to_c("  ") is None and LB_F.temperature_to_c("") is None


def test_display() -> None:
    assert LB_F.show_weight(69.8532) == "154 lb (69.85 kg)"
    assert STORED.show_weight(72.5) == "72.5 kg" and STORED.show_weight(80.0) == "80 kg"
    assert LB_F.show_temperature(37.0) == "98.6 °F" and STORED.show_temperature(37) == "37.0 °C"
    for bad in (None, float("nan"), float("inf")):
        assert LB_F.show_weight(bad) == "—" and LB_F.show_temperature(bad) == "—"
    assert LB_F.typed_kg("154") == pytest.approx(69.8532) and LB_F.typed_kg("x") is None


def test_units_of_a_clinic_and_unknown_values() -> None:
    class C:
        weight_unit, temperature_unit = "lb", "F"

    class Odd:
        weight_unit, temperature_unit = "stone", "K"

    assert Units.of(C()) == LB_F
    assert Units.of(Odd()) == STORED and Units.of(object()) == STORED
    with pytest.raises(ValueError):
        Units("st", "C")
    with pytest.raises(ValueError):
        Units("kg", "K")


def test_summary_shows_fahrenheit_only_for_a_vitals_set_with_a_temperature() -> None:
    from chairlog.domain import EntryKind
    from chairlog.domain.describe import describe

    class E:
        id = 1
        kind = EntryKind.VITALS
        data = {"hr": 72, "sbp": 120, "dbp": 78, "spo2": 98, "rr": 14, "temp_c": 37.0}
        summary = describe("vitals", data)

    class NoTemperature(E):
        data = {"hr": 72, "sbp": 120, "dbp": 78, "spo2": 98, "rr": 14, "temp_c": None}
        summary = describe("vitals", data)

    assert "T 37.0°C" in E.summary
    assert "T 98.6°F" in LB_F.summary(E())
    assert STORED.summary(E()) == E.summary
    assert LB_F.summary(NoTemperature()) == NoTemperature.summary

    class Note:
        id = 2
        kind = EntryKind.NOTE
        data = {"text": "98.6"}
        summary = "Note: 98.6"

    assert LB_F.summary(Note()) == "Note: 98.6"
