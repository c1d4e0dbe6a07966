"""Receiving messages: ACK codes, dedup, keep-alive, unbound devices, no running session."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chairlog.errors import PermissionDenied, ValidationError
from chairlog.services import monitor as mon
from chairlog.services import views
from chairlog.services.monitor_ingest import answer, receive
from tests.monitor import samples as S
from tests.monitor.conftest import Bedside, hl7_time

DEVICE = "080019FFFE0B4020"


def bind(b: Bedside, device: str = DEVICE) -> None:
    """Bind the GE monitor the way a clinic does: it sends (refused, AE), then is bound."""
    if not any(d.device == device for d in mon.list_devices(b.app)):
        assert receive(b.app, ge(b, control="PROBE")).code == "AE"
    mon.bind_device(b.app, b.nurse, device, b.chair_id)


def ge(b: Bedside, **kw: str) -> bytes:
    return S.ge_b40(when=hl7_time(b.now() - timedelta(seconds=30)), **kw)


def test_unbound_device_ae_nothing_kept_then_bound_aa(bedside: Bedside) -> None:
    b = bedside
    out = receive(b.app, ge(b))
    assert out.code == "AE" and "not bound" in out.text
    assert mon.list_pending(b.app) == []
    [dev] = mon.list_devices(b.app)
    assert (dev.device, dev.messages, dev.refused, dev.bound_chair) == (
        "080019FFFE0B4020", 1, 1, None)
    assert dev.sending_application == "VSP" and dev.last_control_id == "MSG00001"
    bind(b)
    out = receive(b.app, ge(b, control="MSG00002"))
    assert out.code == "AA" and out.pending_id is not None
    [p] = mon.list_pending(b.app)
    assert p.session_id == b.session.id and p.chair == b.chair_id and p.state == "pending"
    assert p.values == {"hr": 80, "sbp": 122, "dbp": 85, "spo2": 98, "rr": 16, "etco2": 43,
                        "temp_c": 37.3}
    assert p.control_id == "MSG00002" and p.device == "080019FFFE0B4020"
    assert p.observed_at == b.now() - timedelta(seconds=30) and p.received_at == b.now()
    # the message that came before binding was not kept for later
    assert len(mon.list_pending(b.app)) == 1


def test_ack_bytes_msa_echoes_control_id_after_commit(bedside: Bedside) -> None:
    b = bedside
    bind(b)
    ack = answer(b.app, ge(b, control="XYZ-77")).decode()
    segs = ack.split("\r")
    assert segs[0].startswith("MSH|^~\\&|CHAIRLOG|Test Clinic|VSP^080019FFFE0B4020^EUI-64|GE|")
    assert "|ACK^R01^ACK|" in segs[0] and segs[0].endswith("|P|2.6")
    assert segs[1].startswith("MSA|AA|XYZ-77|")
    assert len(mon.list_pending(b.app)) == 1  # committed before the ACK was built


def test_identical_resend_acked_again_stored_once(bedside: Bedside) -> None:
    b = bedside
    bind(b)
    raw = ge(b)
    first, again = receive(b.app, raw), receive(b.app, raw)
    assert first.code == again.code == "AA" and "already stored" in again.text
    assert len(mon.list_pending(b.app)) == 1
    assert mon.list_devices(b.app)[0].messages == 2  # the probe before binding, then one


def test_mindray_repeating_control_id_not_dropped_and_keepalive_creates_nothing(
    bedside: Bedside,
) -> None:
    b = bedside
    key = "bed:ICU&1&3232237756&4601&&1"
    assert receive(b.app, S.mindray_keepalive()).code == "AA"
    assert mon.list_devices(b.app) == []  # a keep-alive creates nothing, not even a device
    receive(b.app, S.mindray_pds())  # first message: the device appears (unbound, AE)
    mon.bind_device(b.app, b.nurse, key, b.chair_id)
    b.c.clock.advance(minutes=6)  # 14:11 UTC
    # the cuff time 14:40:10 Berlin = 13:40:10 UTC is before check-in at 14:00 UTC: AE
    assert receive(b.app, S.mindray_pds()).code == "AE"
    msgs = [S.mindray_pds(hr=str(70 + i)).replace(b"20260302144010", b"20260302151010")
            for i in range(3)]
    outs = [receive(b.app, m) for m in msgs]
    assert [o.code for o in outs] == ["AA", "AA", "AA"]
    rows = mon.list_pending(b.app)
    assert sorted(r.values["hr"] for r in rows) == [70, 71, 72]
    assert {r.control_id for r in rows} == {"204"}
    assert receive(b.app, S.mindray_keepalive()).code == "AA"
    assert len(mon.list_pending(b.app)) == 3


def test_no_running_session_ae(bedside: Bedside) -> None:
    b = bedside
    receive(b.app, ge(b))
    mon.bind_device(b.app, b.nurse, "080019FFFE0B4020", b.c.chairs[1].id)
    out = receive(b.app, ge(b, control="2"))
    assert out.code == "AE" and out.text == "no running session on Chair 2"
    assert mon.list_pending(b.app) == []


def test_content_errors_ae(bedside: Bedside) -> None:
    b = bedside
    receive(b.app, ge(b))
    bind(b)
    future = S.ge_b40(when=hl7_time(b.now() + timedelta(seconds=61)), control="F")
    out = receive(b.app, future)
    assert out.code == "AE" and "future" in out.text
    near = S.ge_b40(when=hl7_time(b.now() + timedelta(seconds=59)), control="N")
    assert receive(b.app, near).code == "AA"
    only_bad = S.msg(
        "MSH|^~\\&|VSP|GE|||||ORU^R01|BAD|P|2.6",
        f"OBR|1|||x|||{hl7_time(b.now())}",
        "OBX|1|NM|147842^HR^MDC||999|264864|||||R|||||||080019FFFE0B4020^B40",
        "OBX|2|NM|150456^SPO2^MDC||ninety|262688|||||R|||||||080019FFFE0B4020^B40",
    )
    out = receive(b.app, only_bad)
    assert out.code == "AE" and "every value refused" in out.text and len(out.errors) == 2
    assert len(mon.list_pending(b.app)) == 1


def test_partly_refused_message_stored_with_refusals_listed(bedside: Bedside) -> None:
    b = bedside
    receive(b.app, ge(b))
    bind(b)
    raw = S.msg(
        "MSH|^~\\&|VSP|GE|||||ORU^R01|P1|P|2.6",
        f"OBR|1|||x|||{hl7_time(b.now())}",
        "OBX|1|NM|147842^HR^MDC||71|264864|||||R|||||||080019FFFE0B4020^B40",
        "OBX|2|NM|150021^NIBP^MDC||120|mbar|||||R|||||||080019FFFE0B4020^B40",
    )
    out = receive(b.app, raw)
    ack = answer(b.app, raw).decode()
    assert out.code == "AA" and "ERR|" in ack and "unknown unit" in ack
    [p] = mon.list_pending(b.app)
    assert p.values["hr"] == 71 and p.values["sbp"] is None
    assert p.refused == [{"field": "sbp", "code": "MDC 150021 MDC_PRESS_BLD_NONINV_SYS",
                          "value": "120", "reason": "unknown unit 'mbar'"}]


def test_ar_codes(bedside: Bedside) -> None:
    b = bedside
    assert receive(b.app, b"hello").code == "AR"
    out = receive(b.app, b"MSH|^~\\&|A||||||ADT^A01|C9|P|2.6\r")
    assert out.code == "AR" and out.control_id == "C9"
    assert receive(b.app, b"MSH|^~\\&|A||||||ORU^R01||P|2.6\r").code == "AR"
    assert answer(b.app, b"MSH|^~|A||||||ORU^R01|C8|P|2.6\r").decode().split("\r")[1] \
        .startswith("MSA|AR|C8|")
    assert mon.list_devices(b.app) == []


def test_pending_sets_never_alert_nor_chart(bedside: Bedside) -> None:
    b = bedside
    receive(b.app, ge(b))
    bind(b)
    before = views.get_session(b.app, b.session.id)
    raw = S.ge_b40(when=hl7_time(b.now()), hr="190", control="HIGH")
    assert receive(b.app, raw).code == "AA"
    after = views.get_session(b.app, b.session.id)
    assert len(after.entries) == len(before.entries)
    assert len(after.alerts) == len(before.alerts)


def test_key_rule_peer_splits_one_identity_by_sender(bedside: Bedside) -> None:
    b = bedside
    raw = S.loinc_gateway(when=b.now().strftime("%Y%m%d%H%M"))
    assert receive(b.app, raw, "10.0.0.7").device_key == "CART-7"
    mon.set_key_rule(b.app, b.admin, "CART-7", "peer")
    assert receive(b.app, raw, "10.0.0.7").device_key == "CART-7@10.0.0.7"
    assert receive(b.app, raw, "10.0.0.8").device_key == "CART-7@10.0.0.8"
    assert {d.device for d in mon.list_devices(b.app)} == {
        "CART-7", "CART-7@10.0.0.7", "CART-7@10.0.0.8"}
    with pytest.raises(PermissionDenied):
        mon.set_key_rule(b.app, b.nurse, "CART-7", "default")
    mon.set_key_rule(b.app, b.admin, "CART-7", "default")
    assert receive(b.app, raw, "10.0.0.9").device_key == "CART-7"


def test_key_rule_serial_takes_the_device_serial_from_msh10(bedside: Bedside) -> None:
    b = bedside
    when = b.now().strftime("%Y%m%d%H%M")
    mon.set_key_rule(b.app, b.admin, "CART-7", "serial")
    one = S.loinc_gateway(control="SN40211-000981", when=when)
    two = S.loinc_gateway(control="SN40299-000017", when=when)
    assert receive(b.app, one).device_key == "CART-7#SN40211"
    assert receive(b.app, two).device_key == "CART-7#SN40299"
    # the counter moves on, the device stays the same; no serial, no change
    assert receive(b.app, S.loinc_gateway(control="SN40211-000982", when=when)
                   ).device_key == "CART-7#SN40211"
    assert receive(b.app, S.loinc_gateway(control="LN0001", when=when)).device_key == "CART-7"


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400), st.sampled_from([b"", b"MSH|^~\\&|X^Y||||||ORU^R01|1|P|2.6\r"]))
def test_any_bytes_get_an_answer_and_never_raise(bedside: Bedside, junk: bytes,
                                                 head: bytes) -> None:
    raw = head + junk
    out = receive(bedside.app, raw)
    assert out.code in ("AA", "AE", "AR") and out.text
    ack = answer(bedside.app, raw).decode()
    assert ack.split("\r")[1].startswith(f"MSA|{out.code}|")


def test_hostile_messages_are_bounded_and_answered(bedside: Bedside) -> None:
    b = bedside
    receive(b.app, ge(b))
    bind(b)
    when = hl7_time(b.now())
    many_bad = S.msg("MSH|^~\\&|VSP|GE|||||ORU^R01|MANY|P|2.6", f"OBR|1|||x|||{when}",
                     "OBX|1|NM|147842^HR^MDC||70|264864|||||R|||||||080019FFFE0B4020^B40",
                     *[f"OBX|{i}|NM|150456^S^MDC||x{i}\x07|262688|||||R|||||||080019FFFE0B4020"
                       for i in range(2, 3000)])
    out = receive(b.app, many_bad)
    assert out.code == "AA"
    [p] = mon.list_pending(b.app)
    assert len(p.refused) == 50 and all(r["value"].isprintable() for r in p.refused)
    assert len(answer(b.app, many_bad)) < 10_000  # the ACK lists at most 20 errors
    for t in ("99991231235959-1400", "00010101000000+1400", "20261340"):
        raw = S.ge_b40(control="T", when=t)
        assert receive(b.app, raw).code == "AE"
    ctl = S.ge_b40(control="A\x01B\x7fC", when=when)
    out = receive(b.app, ctl)
    assert out.code == "AA" and out.control_id == "ABC"
    with pytest.raises(ValidationError):
        mon.list_pending(b.app, session_id=2**40)
    with pytest.raises(ValidationError):
        mon.validate_pending(b.app, b.nurse, 2**40)
    with pytest.raises(ValidationError):
        mon.bind_device(b.app, b.nurse, DEVICE, 2**40)
