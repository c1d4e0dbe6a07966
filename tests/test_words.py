"""The services' messages (``chairlog.words``) without Qt: a message is its English text and
keeps its template and parameters; every template in the source is a literal that the Spanish
catalog holds, finished, with the same placeholders; no error below the window is raised with
a bare English string that the window could not translate."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from chairlog.clinical.vitals import validate_vitals
from chairlog.errors import ConflictError, StateError, ValidationError
from chairlog.words import Words, joined, term, words

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "chairlog"
TS = ROOT / "resources" / "translations" / "chairlog_es.ts"
#: where the messages the window shows are built below it (what tools/translations.sh scans)
SCANNED = ("services", "clinical", "domain", "outbox")
ERRORS = {"ChairlogError", "ValidationError", "StateError", "ConflictError", "PermissionDenied",
          "NotFound", "AuthenticationError", "StorageError", "SignatureError", "LimitExceeded",
          "CeilingExceeded", "CorruptDatabase", "TrustProblem", "NotQueueable"}
#: the arguments of each error that are words a person reads (index, keyword)
WORD_ARGS = {"ValidationError": ((2, "accepted"), (3, "label")),
             "LimitExceeded": ((2, "message"),), "CeilingExceeded": ((2, "message"),)}
SPANISH = {"label": "etiqueta", "accepted": "lo aceptado",
           "{label}: {value} is not accepted — {accepted}": "{label}: {value} no se acepta — "
                                                            "{accepted}",
           "heart rate": "frecuencia cardíaca",
           "{low:g}–{high:g} {unit}": "{low:g}–{high:g} {unit}"}


def sources() -> Iterator[tuple[Path, ast.Module]]:
    files = [PACKAGE / "errors.py"]
    for d in SCANNED:
        files.extend(sorted((PACKAGE / d).rglob("*.py")))
    for path in files:
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def called(node: ast.Call) -> str | None:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None


def catalog() -> dict[str, ET.Element]:
    out = {}
    for context in ET.parse(TS).getroot().iter("context"):
        if (context.findtext("name") or "") == "":
            for msg in context.iter("message"):
                out[msg.findtext("source") or ""] = msg
    return out


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{[^{}]*\}", text))


def test_a_message_is_its_english_text_and_keeps_its_template() -> None:
    m = words("Device {device} is already bound to {chair}.", device="mon-7", chair="Chair 2")
    assert m == "Device mon-7 is already bound to Chair 2." and isinstance(m, str)
    assert m.template == "Device {device} is already bound to {chair}."
    assert m.params == {"device": "mon-7", "chair": "Chair 2"}
    assert str(StateError(m)) == "Device mon-7 is already bound to Chair 2."
    assert StateError(m).words is m


def test_a_refused_vital_renders_its_label_and_range_in_the_other_language() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_vitals({"hr": 400, "sbp": 124, "dbp": 78, "spo2": 98, "rr": 14})
    err = caught.value
    assert str(err) == "heart rate: 400 is not accepted — 20–250 /min"
    shown = err.words.render(lambda t: SPANISH.get(t, t))
    assert shown == "frecuencia cardíaca: 400 no se acepta — 20–250 /min"


def test_render_falls_back_to_english_when_a_translation_breaks_its_placeholders() -> None:
    m = words("No user {user_id}.", user_id=7)
    assert m.render(lambda t: "No existe el usuario {usuario}.") == "No user 7."
    assert m.render(lambda t: "") == "No user 7."
    assert words("Wrong password.").render(lambda t: "Contraseña incorrecta.") == (
        "Contraseña incorrecta.")


def test_word_parameters_and_joined_sentences_are_rendered_too() -> None:
    tr = {"infusing": "en infusión", "The infusion has not been stopped.":
          "La infusión no se ha detenido.", "a complete record. {problems}":
          "un registro completo. {problems}"}.get
    state = words("This record is {label} and locked.", label=term("infusing"))
    assert state.render(lambda t: tr(t) or t) == "This record is en infusión and locked."
    listed = words("a complete record. {problems}", problems=joined(
        [words("The infusion has not been stopped."), "Something plain."], " "))
    assert listed == "a complete record. The infusion has not been stopped. Something plain."
    assert listed.render(lambda t: tr(t) or t) == (
        "un registro completo. La infusión no se ha detenido. Something plain.")
    assert str(ConflictError()) == (
        "This record was changed on another workstation. Reload to see the change.")


def test_every_template_is_a_literal() -> None:
    """An f-string inside ``words(...)`` would be extracted with its braces as placeholders and
    would match no catalog entry at run time."""
    bad = []
    for path, tree in sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and called(node) == "words" and isinstance(
                    node.func, ast.Name):
                first = node.args[0] if node.args else None
                if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                    bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert bad == []


def test_no_error_is_raised_with_a_bare_english_string() -> None:
    """A message the window shows is built with ``words``: a string literal, an f-string or a
    concatenation handed to an error would stay English in the window."""
    bare = []
    for path, tree in sources():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or called(node) not in ERRORS:
                continue
            name = called(node)
            spots = WORD_ARGS.get(name or "", ((0, "message"),))
            args = [node.args[i] for i, _ in spots if i < len(node.args)]
            args += [k.value for k in node.keywords if k.arg in {kw for _, kw in spots}]
            for a in args:
                if isinstance(a, ast.JoinedStr | ast.BinOp) or (
                        isinstance(a, ast.Constant) and isinstance(a.value, str)):
                    bare.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert bare == []


def test_every_template_is_in_the_catalog_finished_with_its_placeholders() -> None:
    known = catalog()
    assert len(known) > 300
    problems = []
    for path, tree in sources():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and called(node) == "words" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                continue
            template = node.args[0].value
            msg = known.get(template)
            where = f"{path.relative_to(ROOT)}:{node.lineno}: {template!r}"
            if msg is None:
                problems.append(f"{where} is not in the catalog (run tools/translations.sh)")
                continue
            tr = msg.find("translation")
            text = (tr.text or "") if tr is not None else ""
            if tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished") \
                    or not text.strip():
                problems.append(f"{where} has no finished translation")
            elif placeholders(text) - placeholders(template):
                problems.append(f"{where}: the translation's placeholders differ")
    assert problems == []


def test_words_keep_their_english_for_the_command_line() -> None:
    err = ValidationError("weight_kg", "7o", words("a number from {low:g} to {high:g} {unit}",
                                                   low=2.0, high=400.0, unit="kg"),
                          words("weight (kg)"))
    assert str(err) == "weight (kg): '7o' is not accepted — a number from 2 to 400 kg"
    assert isinstance(err.accepted, Words) and err.label == "weight (kg)"
