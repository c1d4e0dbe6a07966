"""Sentences written below the window and shown in the clinic's language: the alerts' messages
(stored as English text, read back with ``words.recognise``), the deviations the physician
reviews, the handover sheet's rows and a conflict's "what changed". English stays the text it
was; Spanish comes from the shipped catalog (``present.catalog``, the PDF's reader)."""

from __future__ import annotations

import re

import pytest

from chairlog.clinical.vitals import ALERT_TEMPLATES, AlertThresholds, Vitals, evaluate_vitals
from chairlog.present.catalog import catalog_of
from chairlog.services import charting, deviations, doses, handover
from chairlog.services.conflicts import describe_change
from chairlog.words import Words, recognise
from tests.conftest import Clinic, ready_to_infuse

ES = catalog_of("es")
EN = catalog_of("en")


@pytest.mark.parametrize("template", ALERT_TEMPLATES)
def test_every_alert_template_reads_back_from_its_stored_text(template: str) -> None:
    params = {name: f"{i + 101}" for i, name in enumerate(
        sorted(set(re.findall(r"{(\w+)}", template))))}
    stored = str(Words(template, params))  # what the alerts table holds
    back = recognise(stored, ALERT_TEMPLATES)
    assert isinstance(back, Words)
    assert back.template == template and dict(back.params) == params
    spanish = ES.alert(stored)
    assert spanish == ES.translate("", template).format(**params)
    assert spanish != stored or template.startswith("SpO2")  # the same words in Spanish
    assert EN.alert(stored) == stored


def test_alerts_raised_by_the_rules_are_shown_in_spanish_and_stored_in_english() -> None:
    found = evaluate_vitals(Vitals(hr=130, sbp=182, dbp=95, spo2=88, rr=6),
                            AlertThresholds(hr_max=120, sbp_max=180, spo2_min=92, rr_min=8))
    texts = [str(f.message) for f in found]
    assert "Heart rate 130 > 120/min" in texts and "SpO2 88 % < 92 %" in texts
    shown = [ES.alert(t) for t in texts]
    assert "Frecuencia cardíaca 130 > 120/min" in shown
    assert any(s.startswith("Sistólica 182 > 180 mmHg: pausar") for s in shown)
    assert not any("Heart rate" in s or "Respiratory" in s for s in shown)


def test_text_no_template_produced_is_shown_as_stored() -> None:
    for text in ("Heart rate high", "typed by hand", "", "Heart rate 130 > 120/min extra"):
        assert recognise(text, ALERT_TEMPLATES) == text
        assert not isinstance(recognise(text, ALERT_TEMPLATES), Words)


def test_a_long_stored_text_is_shown_as_stored_at_once() -> None:
    long = "Pre-dose BP " + "1/" * 5000 + " above 1/1: physician review before starting"
    assert recognise(long, ALERT_TEMPLATES) == long
    assert not isinstance(recognise(long, ALERT_TEMPLATES), Words)


def test_a_template_with_a_format_spec_cannot_be_read_back() -> None:
    with pytest.raises(ValueError, match="plain"):
        recognise("HR 1.0", ["HR {value:.1f}"])


def _alerted_session(c: Clinic) -> int:
    s = ready_to_infuse(c)
    doses.start_infusion(c.app, c.nurse, s.id, 0.5)
    c.clock.advance(minutes=5)
    charting.record_vitals(c.app, c.nurse, s.id,
                           {"hr": 135, "sbp": 120, "dbp": 78, "spo2": 98, "rr": 14})
    return int(s.id)


def test_the_physicians_deviations_are_worded_in_spanish(clinic: Clinic) -> None:
    sid = _alerted_session(clinic)
    devs = deviations.get_deviations(clinic.app, sid)
    alert = next(d for d in devs if d.kind == "alert")
    assert str(alert.text).startswith("Alert at ") and "Heart rate 135 > " in alert.text
    assert "NOT acknowledged" in alert.text
    spanish = ES.message(alert.text)
    assert spanish.startswith("Alerta a las ") and "Frecuencia cardíaca 135 > " in spanish
    assert "NO reconocida" in spanish and "Heart rate" not in spanish
    assert EN.message(alert.text) == str(alert.text)


def test_the_handover_rows_are_worded_in_spanish(clinic: Clinic) -> None:
    sid = _alerted_session(clinic)
    row = next(r for r in handover.handover(clinic.app).rows if r.session_id == sid)
    assert row.last_vitals.startswith("HR 135 BP 120/78")
    assert ES.message(row.last_vitals).startswith("FC 135 PA 120/78")
    opened = [ES.message(i) for i in row.open_items]
    assert any(o.startswith("ALERTA no reconocida: Frecuencia cardíaca 135") for o in opened)
    assert all(EN.message(i) == str(i) for i in (*row.open_items, *row.pending))


def test_what_changed_in_a_conflict_names_the_fields_in_spanish() -> None:
    what = describe_change('{"idle_lock_minutes": 5, "version": 3}',
                           '{"idle_lock_minutes": 9, "version": 4}', "clinic.update")
    assert what == "idle lock 5 → 9"
    assert ES.message(what) == "bloqueo por inactividad 5 → 9"
    many = describe_change('{"a_b": 1, "c_d": 2, "e_f": 3, "max_rate_mg_per_kg_h": 1.0}',
                           '{"a_b": 2, "c_d": 3, "e_f": 4, "max_rate_mg_per_kg_h": null}', "x")
    assert many == "a b 1 → 2, c d 2 → 3, e f 3 → 4 and 1 more"
    assert ES.message(many) == "a b 1 → 2, c d 2 → 3, e f 3 → 4 y 1 más"


def test_the_lb_and_fahrenheit_refusals_are_worded_in_spanish() -> None:
    from chairlog.errors import ValidationError
    from chairlog.present.units import Units

    units = Units(weight="lb", temperature="F")
    with pytest.raises(ValidationError) as weight:
        units.weight_to_kg("2000")
    with pytest.raises(ValidationError) as temp:
        units.temperature_to_c("abc")
    assert "lb" in str(weight.value) and "a number from" in str(weight.value)
    es_weight, es_temp = ES.message(weight.value.words), ES.message(temp.value.words)
    assert "un número de" in es_weight and "peso (lb)" in es_weight
    assert "un número," in es_temp and "°F" in es_temp and "a number" not in es_temp
