"""Every message family read to the documented values; conversions; refusals; the code table."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chairlog.monitor.envelope import inspect, parse_time
from chairlog.monitor.hl7 import Refused, parse
from chairlog.monitor.mapping import load_table, read_vitals
from chairlog.paths import resources_dir
from tests.monitor import samples as S

TZ = ZoneInfo("Europe/Berlin")


def read(raw: bytes):  # type: ignore[no-untyped-def]
    m = parse(raw)
    return inspect(m, TZ), read_vitals(m)


def test_ge_b40_pcd01() -> None:
    env, r = read(S.ge_b40())
    assert env.device_key == "080019FFFE0B4020" and env.device_name == "B40_GE"
    assert env.control_id == "MSG00001"
    assert env.observed_at == datetime(2026, 3, 2, 13, 45, tzinfo=UTC)  # OBR-7, +0100
    # 5.7 kPa × 7.50062 = 42.75 → 43 mmHg; 99.1 °F → 37.28 → 37.3 °C; MAP not stored
    assert r.values == {"hr": 80, "sbp": 122, "dbp": 85, "spo2": 98, "rr": 16, "etco2": 43,
                        "temp_c": 37.3}
    assert r.sources["hr"].startswith("MDC 147842")
    assert r.refused == []


def test_acme_gateway_ucum_units_and_obx14_time() -> None:
    env, r = read(S.acme_gateway())
    assert env.device_key == "080019FFFE3ED02D172.16.172.135"
    assert env.observed_at == datetime(2011, 6, 2, 4, 58, 43, tzinfo=UTC)  # latest OBX-14
    assert (r.values["sbp"], r.values["dbp"], r.values["hr"]) == (120, 80, 72)
    assert r.sources["hr"].startswith("MDC 149546")  # pulse rate, recorded as such
    assert r.values["spo2"] is None and r.values["rr"] is None


def test_philips_mdil_codes_read_as_mdc() -> None:
    env, r = read(S.philips_mdil())
    assert env.device_key == "PHILIPS-MX450-1"  # MSH-3.2
    assert r.values == {"hr": 80, "sbp": 122, "dbp": 85, "spo2": 98, "rr": 23, "etco2": None,
                        "temp_c": 37.3}
    assert r.sources["hr"].startswith("MDC 147842")  # 0002-4182 = 147842, before pulse 85
    assert r.sources["temp_c"].startswith("MDIL 0002-f0c7")


def test_mindray_pds_no_units_sentinel_and_bed_key() -> None:
    env, r = read(S.mindray_pds())
    assert env.device_key == "bed:ICU&1&3232237756&4601&&1"
    assert env.version == "2.3.1" and env.control_id == "204"
    assert env.observed_at == datetime(2026, 3, 2, 13, 40, 10, tzinfo=UTC)  # cuff time, Berlin
    assert r.values == {"hr": 72, "sbp": 118, "dbp": 76, "spo2": 97, "rr": None, "etco2": None,
                        "temp_c": 36.8}  # RR -100 = absent, 36.75 → 36.8 (half-up)
    assert r.refused == []


def test_mindray_keepalive_is_header_only() -> None:
    env, r = read(S.mindray_keepalive())
    assert env.header_only and r.mapped == 0


def test_loinc_gateway_naive_time_in_clinic_zone() -> None:
    env, r = read(S.loinc_gateway())
    assert env.device_key == "CART-7"
    assert env.observed_at == datetime(2026, 3, 2, 13, 45, tzinfo=UTC)
    assert r.values == {"hr": 64, "sbp": 131, "dbp": 84, "spo2": 96, "rr": 15, "etco2": None,
                        "temp_c": 37.1}


def test_device_key_rule_order() -> None:
    base = "MSH|^~\\&|{app}||||||ORU^R01|1|P|2.6\rPV1||I|{pv1}\rOBX|1|NM|147842^HR^MDC||70|bpm{obx}"
    def key(app: str, pv1: str = "", obx: str = "") -> str:
        return inspect(parse(base.format(app=app, pv1=pv1, obx=obx).encode()), TZ).device_key
    assert key("APP^UID", "^^B3", "|||||F|||||||DEV1^Name") == "DEV1"
    assert key("APP^UID", "^^B3") == "UID"
    assert key("APP", "^^B3") == "APP:B3"
    assert key("APP") == "APP"
    assert key("APP", "", "") == "APP"
    peer = inspect(parse(base.format(app="APP", pv1="", obx="").encode()), TZ,
                   key_rules={"APP": "peer"}, peer="10.0.0.7").device_key
    assert peer == "APP@10.0.0.7"


def obx(code: str, value: str, unit: str, status: str = "F") -> bytes:
    return (f"MSH|^~\\&|T^DEV||||||ORU^R01|9|P|2.6\rOBX|1|NM|{code}||{value}|{unit}|||||{status}\r"
            ).encode()


@pytest.mark.parametrize(("code", "value", "unit", "field", "expected"), [
    ("150021^S^MDC", "16", "265987^kPa^MDC", "sbp", 120),       # 120.01 → 120
    ("150021^S^MDC", "16.06", "kPa^kPa^UCUM", "sbp", 120),     # 120.46 → 120
    ("150022^D^MDC", "10.6", "265987^^MDC", "dbp", 80),        # 79.51 → 80 (half-up)
    ("151708^E^MDC", "5.3", "kPa", "etco2", 40),               # 39.75 → 40
    ("151708^E^MDC", "38", "mm[Hg]", "etco2", 38),
    ("150344^T^MDC", "98.6", "266560^^MDC", "temp_c", 37.0),
    ("150344^T^MDC", "100.4", "[degF]", "temp_c", 38.0),
    ("150344^T^MDC", "37.25", "268192", "temp_c", 37.3),       # half-up, not banker's
    ("150344^T^MDC", "37.35", "Cel", "temp_c", 37.4),
    ("150456^S^MDC", "97", "262688^%^MDC", "spo2", 97),
    ("151562^R^MDC", "12", "{breaths}/min", "rr", 12),
    ("8867-4^HR^LN", "59.5", "/min", "hr", 60),
])
def test_conversions(code: str, value: str, unit: str, field: str, expected: float) -> None:
    r = read_vitals(parse(obx(code, value, unit)))
    assert r.values[field] == expected and r.refused == []


@pytest.mark.parametrize(("code", "value", "unit", "reason"), [
    ("147842^HR^MDC", "abc", "264864", "not a number"),
    ("147842^HR^MDC", "٧٢", "264864", "not a number"),             # other scripts' digits
    ("147842^HR^MDC", "７２", "264864", "not a number"),             # full-width
    ("147842^HR^MDC", "7e1", "264864", "not a number"),
    ("147842^HR^MDC", "72,5", "264864", "not a number"),           # HL7 NM: a point only
    ("147842^HR^MDC", "400", "264864", "outside plausibility"),
    ("147842^HR^MDC", "72", "266016", "unknown unit"),              # mmHg for a heart rate
    ("150021^S^MDC", "120", "", "no unit given"),
    ("151708^E^MDC", "5", "%^vol%^UCUM", "unknown unit"),           # vol% needs pressure
    ("150344^T^MDC", "310", "K", "unknown unit"),
    ("150344^T^MDC", "120", "[degF]", "outside plausibility"),      # 48.9 °C
    ("147842^HR^MDC", "72", "264864^^MDC|||||W", "withdrawn"),
])
def test_refusals_are_listed_never_guessed(code: str, value: str, unit: str, reason: str) -> None:
    r = read_vitals(parse(obx(code, value, unit)))
    assert r.accepted == 0
    assert len(r.refused) == 1 and reason in r.refused[0]["reason"]


def test_absent_is_never_zero() -> None:
    r = read_vitals(parse(obx("147842^HR^MDC", "", "264864", "X")))
    assert r.values["hr"] is None and r.refused == [] and r.mapped == 0
    r = read_vitals(parse(obx("147842^HR^MDC", "72", "264864", "X")))
    assert r.values["hr"] is None and r.mapped == 0


def test_unknown_codes_ignored_and_arterial_not_mapped() -> None:
    r = read_vitals(parse(obx("150033^ART_SYS^MDC", "120", "266016")))
    assert r.mapped == 0 and r.accepted == 0 and r.refused == []
    r = read_vitals(parse(obx("148065^PVC^MDC", "3", "/min")))
    assert r.mapped == 0


def test_ecg_heart_rate_preferred_over_pulse_even_after_it() -> None:
    raw = (b"MSH|^~\\&|T^D||||||ORU^R01|9|P|2.6\r"
           b"OBX|1|NM|149530^PR^MDC||90|264864|||||F\r"
           b"OBX|2|NM|147842^HR^MDC||70|264864|||||F\r")
    r = read_vitals(parse(raw))
    assert r.values["hr"] == 70 and r.sources["hr"].startswith("MDC 147842")


def test_diastolic_not_below_systolic_refused() -> None:
    raw = (b"MSH|^~\\&|T^D||||||ORU^R01|9|P|2.6\r"
           b"OBX|1|NM|150021^S^MDC||80|266016|||||F\r"
           b"OBX|2|NM|150022^D^MDC||90|266016|||||F\r")
    r = read_vitals(parse(raw))
    assert r.values["sbp"] == 80 and r.values["dbp"] is None
    assert r.refused[0]["field"] == "dbp"


def test_mdc_unit_codes_match_the_standard() -> None:
    """The shipped table against the independently checked MDC numbers (not copied tables)."""
    t = load_table(resources_dir() / "monitor" / "codes.json")
    def unit_for(field: str, token: str):  # type: ignore[no-untyped-def]
        return next((u for u in t.units[field] if token in u.codes), None)
    assert unit_for("spo2", "262688").multiply == 1                 # %
    assert unit_for("hr", "264864").multiply == 1                   # bpm
    assert unit_for("rr", "264928").multiply == 1                   # resp /min
    assert unit_for("sbp", "266016").multiply == 1                  # mmHg
    assert float(unit_for("sbp", "265987").multiply) == 7.50062     # kPa (not 266560)
    assert unit_for("temp_c", "268192").subtract == 0               # degC
    assert unit_for("temp_c", "266560").subtract == 32              # degF (not 268224)
    assert unit_for("temp_c", "268224") is None
    assert unit_for("sbp", "266560") is None


@pytest.mark.parametrize(("raw", "code"), [
    (b"", "AR"), (b"PID|1\r", "AR"), (b"MSH|^~\\&#|A||||||ORU^R01|1|P|2.7\r", "AR"),
    (b"MSH|^~|A||||||ORU^R01|1|P|2.6\r", "AR"),
])
def test_not_hl7_refused_ar(raw: bytes, code: str) -> None:
    with pytest.raises(Refused) as e:
        inspect(parse(raw), TZ)
    assert e.value.code == code


@pytest.mark.parametrize(("raw", "text"), [
    (b"MSH|^~\\&|A||||||ADT^A01|1|P|2.6\r", "MSH-9"),
    (b"MSH|^~\\&|A||||||ORU^R01||P|2.6\r", "MSH-10"),
    (b"MSH|^~\\&|A||||||ORU^R01|1|T|2.6\r", "MSH-11"),
    (b"MSH|^~\\&|A||||||ORU^R01|1|P|3.0\r", "MSH-12"),
])
def test_header_problems_refused_ar(raw: bytes, text: str) -> None:
    with pytest.raises(Refused) as e:
        inspect(parse(raw), TZ)
    assert e.value.code == "AR" and text in e.value.text


def test_lf_and_crlf_separators_tolerated() -> None:
    for sep in ("\n", "\r\n"):
        r = read_vitals(parse(S.loinc_gateway().replace(b"\r", sep.encode())))
        assert r.values["hr"] == 64 and r.values["temp_c"] == 37.1


def test_latin1_and_escapes() -> None:
    raw = "MSH|^~\\&|Mon\\F\\itor^DÉV||||||ORU^R01|1|P|2.6\r".encode("latin-1")
    env = inspect(parse(raw), TZ)
    assert env.sending_application == "Mon|itor" and env.device_key == "DÉV"


def test_times() -> None:
    assert parse_time("20260302144500.25-0500", TZ) == datetime(2026, 3, 2, 19, 45, 0, 250000,
                                                               tzinfo=UTC)
    assert parse_time("202607011200", TZ) == datetime(2026, 7, 1, 10, 0, tzinfo=UTC)  # CEST
    assert parse_time("", TZ) is None and parse_time("0", TZ) is None
    for bad in ("2026-03-02", "20261302", "20260302250000", "20260302+2500"):
        with pytest.raises(ValueError):
            parse_time(bad, TZ)
    with pytest.raises(Refused) as e:
        inspect(parse(obx("147842^HR^MDC", "70", "bpm").replace(b"F\r", b"F|||yesterday\r")), TZ)
    assert e.value.code == "AE"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_parsed_or_refused(data: bytes) -> None:
    for raw in (data, b"MSH|^~\\&|" + data):
        try:
            m = parse(raw)
            inspect(m, TZ)
            read_vitals(m)
        except Refused as r:
            assert r.code in ("AR", "AE") and r.text
