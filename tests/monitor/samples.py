"""Message samples for each family in shared/MONITORS-AND-FHIR.md (segments joined by CR)."""

from __future__ import annotations


def msg(*segments: str, sep: str = "\r") -> bytes:
    return (sep.join(segments) + sep).encode("utf-8")


def ge_b40(control: str = "MSG00001", hr: str = "80", when: str = "20260302144500+0100",
           device: str = "080019FFFE0B4020") -> bytes:
    """GE B40 via VSP: PCD-01 v2.6, MDS/VMD/CHAN tree, MDC codes and units, OBX-18 EUI-64."""
    d = f"{device}^B40_GE"
    return msg(
        f"MSH|^~\\&|VSP^{device}^EUI-64|GE|||20260302144501+0100||ORU^R01^ORU_R01|{control}"
        "|P|2.6|||AL|NE||UNICODE UTF-8|||PCD_DEC_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO",
        "PID|||M001^^^CLINIC^MR||Ødegård^Zoë",
        "PV1||I|^^Chair 1",
        f"OBR|1|||182777000^monitoring of patient^SCT|||{when}",
        f"OBX|1||69965^MDC_DEV_MON_PHYSIO_MULTI_PARAM_MDS^MDC|1.0.0.0|||||||X|||||||{d}",
        f"OBX|2||69798^MDC_DEV_ECG_VMD^MDC|1.5.0.0|||||||X|||||||{d}",
        f"OBX|3|NM|147842^MDC_ECG_HEART_RATE^MDC|1.5.1.1|{hr}|264864^MDC_DIM_BEAT_PER_MIN^MDC"
        f"|||||R|||||||{d}",
        f"OBX|4|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.7.1.1|122|266016^MDC_DIM_MMHG^MDC"
        f"|||||R|||20260302144300+0100||||{d}",
        f"OBX|5|NM|150022^MDC_PRESS_BLD_NONINV_DIA^MDC|1.7.1.2|85|266016^MDC_DIM_MMHG^MDC"
        f"|||||R|||20260302144300+0100||||{d}",
        f"OBX|6|NM|150023^MDC_PRESS_BLD_NONINV_MEAN^MDC|1.7.1.3|98|266016^MDC_DIM_MMHG^MDC"
        f"|||||R|||||||{d}",
        f"OBX|7|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.3.1.1|98|262688^MDC_DIM_PERCENT^MDC"
        f"|||||R|||||||{d}",
        f"OBX|8|NM|151562^MDC_RESP_RATE^MDC|1.4.1.1|16|264928^MDC_DIM_RESP_PER_MIN^MDC"
        f"|||||R|||||||{d}",
        f"OBX|9|NM|151708^MDC_AWAY_CO2_ET^MDC|1.6.1.1|5.7|265987^MDC_DIM_KILO_PASCAL^MDC"
        f"|||||R|||||||{d}",
        f"OBX|10|NM|150364^MDC_TEMP_BODY^MDC|1.8.1.1|99.1|266560^MDC_DIM_FAHR^MDC"
        f"|||||R|||||||{d}",
    )


def acme_gateway(control: str = "ACME0001") -> bytes:
    """The IHE/NIST gateway sample: UCUM units, device in OBX-18, no OBR-7 (OBX-14 times)."""
    dev = "080019FFFE3ED02D172.16.172.135^GATEWAY_ACME"
    return msg(
        f"MSH|^~\\&|ACME_Gateway^ACDE48234567ABCD^EUI-64||||20110602045900+0000||ORU^R01^ORU_R01"
        f"|{control}|P|2.6|||AL|NE||UNICODE UTF-8",
        "PID|||M001^^^CLINIC^MR",
        "OBR|1|||182777000^monitoring of patient^SCT",
        f"OBX|4|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.1.1.1|120|mm[Hg]^mm[Hg]^UCUM|||||R|||"
        f"20110602045842+0000||||{dev}",
        f"OBX|5|NM|150022^MDC_PRESS_BLD_NONINV_DIA^MDC|1.1.1.2|80|mm[Hg]^mm[Hg]^UCUM|||||R|||"
        f"20110602045842+0000||||{dev}",
        f"OBX|6|NM|149546^MDC_PULS_RATE_NON_INV^MDC|1.1.1.4|72|{{beat}}/min^{{beat}}/min^UCUM"
        f"|||||R|||20110602045843+0000||||{dev}",
    )


def philips_mdil(control: str = "PH0001", hr: str = "80") -> bytes:
    """Philips IntelliVue via IIC / Efficia export: MDIL codes and units, "?" sent as X."""
    return msg(
        f"MSH|^~\\&|IntelliVue^PHILIPS-MX450-1|Philips|||20260302144500||ORU^R01|{control}|P|2.3",
        "PID|||M001",
        "PV1||I|ICU^1^1",
        "OBR|1|||Philips^Monitoring|||20260302144500",
        f"OBX|1|NM|0002-4182^HR^MDIL||{hr}|0004-0aa0^bpm^MDIL|||||F",
        "OBX|2|NM|0002-4bb8^SpO2^MDIL||98|0004-0220^%^MDIL|||||F",
        "OBX|3|NM|0002-4a05^NBPs^MDIL||122|0004-0f20^mmHg^MDIL|||||F",
        "OBX|4|NM|0002-4a06^NBPd^MDIL||85|0004-0f20^mmHg^MDIL|||||F",
        "OBX|5|NM|0002-481a^Pulse^MDIL||85|0004-0aa0^bpm^MDIL|||||F",
        "OBX|6|NM|0002-5012^awRR^MDIL||23|0004-0ae0^rpm^MDIL|||||F",
        "OBX|7|NM|0002-f0c7^Temp1^MDIL||99.1|0004-1140^°F^MDIL|||||F",
        "OBX|8|NM|0002-4bb0^Perf^MDIL||||||||X",
    )


def mindray_pds(control: str = "204", hr: str = "72", sys_: str = "118",
                bed: str = "ICU&1&3232237756&4601&&1") -> bytes:
    """Mindray PDS (HL7 2.3.1): empty MSH-3..8, own codes, no units, -100 invalid, NIBP with
    APERIODIC and its cuff time in OBX-14; device known by PV1-3."""
    return msg(
        f"MSH|^~\\&|||||||ORU^R01|{control}|P|2.3.1|",
        "PID|||M001",
        f"PV1||I|^^{bed}",
        "OBR||||Mindray Monitor|||0|",
        f"OBX||NM|101^HR|2101|{hr}||||||F",
        "OBX||NM|151^RR|2102|-100||||||F",
        "OBX||NM|160^SpO2|2103|97||||||F",
        "OBX||NM|200^T1|2104|36.75||||||F",
        f"OBX||NM|170^Sys|2105|{sys_}||||||F||APERIODIC|20260302144010",
        "OBX||NM|171^Dia|2105|76||||||F||APERIODIC|20260302144010",
        "OBX||NM|172^Mean|2105|90||||||F||APERIODIC|20260302144010",
    )


def mindray_keepalive() -> bytes:
    return msg("MSH|^~\\&|||||||ORU^R01|106|P|2.3.1|")


def loinc_gateway(control: str = "LN0001", when: str = "202603021445") -> bytes:
    """An integration engine's LOINC-coded vitals: no OBX-18, no UTC offset (clinic time)."""
    return msg(
        f"MSH|^~\\&|CARTGW^CART-7|CLINIC|||{when}||ORU^R01|{control}|P|2.5.1",
        "PID|||M001",
        f"OBR|1|||85353-1^Vital signs panel^LN|||{when}",
        "OBX|1|NM|8867-4^Heart rate^LN||64|/min^/min^UCUM|||||F",
        "OBX|2|NM|8480-6^Systolic^LN||131|mm[Hg]^mm[Hg]^UCUM|||||F",
        "OBX|3|NM|8462-4^Diastolic^LN||84|mm[Hg]^mm[Hg]^UCUM|||||F",
        "OBX|4|NM|59408-5^SpO2^LN||96|%^%^UCUM|||||F",
        "OBX|5|NM|9279-1^Resp rate^LN||15|/min^/min^UCUM|||||F",
        "OBX|6|NM|8310-5^Body temp^LN||37.05|Cel^Cel^UCUM|||||F",
    )
