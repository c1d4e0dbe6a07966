"""Assessment scales: pain NRS, MOAA/S, RASS, CADSS-6, modified Aldrete."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from chairlog.clinical.checks import finite
from chairlog.clinical.numbers import parse_float
from chairlog.errors import ValidationError
from chairlog.words import term, words


class Scale(StrEnum):
    PAIN_NRS = "pain_nrs"
    MOOD_NRS = "mood_nrs"
    MOAAS = "moaas"
    RASS = "rass"
    CADSS6 = "cadss6"
    ALDRETE = "aldrete"
    PADSS = "padss"


@dataclass(frozen=True)
class ScaleSpec:
    label: str
    low: int
    high: int
    items: int = 0  # >0: the score is the sum of this many item scores
    item_low: int = 0
    item_high: int = 0
    item_labels: tuple[str, ...] = ()


SCALES: dict[Scale, ScaleSpec] = {
    Scale.PAIN_NRS: ScaleSpec("Pain NRS", 0, 10),
    Scale.MOOD_NRS: ScaleSpec("Mood NRS", 0, 10),
    Scale.MOAAS: ScaleSpec("MOAA/S", 0, 5),
    Scale.RASS: ScaleSpec("RASS", -5, 4),
    Scale.CADSS6: ScaleSpec(
        "CADSS-6",
        0,
        24,
        items=6,
        item_low=0,
        item_high=4,
        item_labels=(
            "Things seem unreal",
            "Time seems to change",
            "Body feels changed",
            "Feel disconnected",
            "Sounds or colours changed",
            "Gaps in memory",
        ),
    ),
    Scale.ALDRETE: ScaleSpec(
        "Modified Aldrete",
        0,
        10,
        items=5,
        item_low=0,
        item_high=2,
        item_labels=(
            "Activity",
            "Respiration",
            "Circulation",
            "Consciousness",
            "Oxygen saturation",
        ),
    ),
    Scale.PADSS: ScaleSpec(
        "PADSS",
        0,
        10,
        items=5,
        item_low=0,
        item_high=2,
        item_labels=(
            "Vital signs",
            "Activity",
            "Nausea and vomiting",
            "Pain",
            "Bleeding",
        ),
    ),
}

ALDRETE_DISCHARGE_MIN = 9


def _int(field: str, raw: Any, low: int, high: int, label: str) -> int:
    accepted = words("a whole number {low}–{high}", low=low, high=high)
    if isinstance(raw, bool):
        raise ValidationError(field, raw, accepted, label)
    if isinstance(raw, str):
        typed = parse_float(raw)
        if typed is None:
            raise ValidationError(field, raw, accepted, label)
        raw = typed
    if not isinstance(raw, int | float) or not finite(raw) or float(raw) != int(raw):
        raise ValidationError(field, raw, accepted, label)
    if not low <= int(raw) <= high:
        raise ValidationError(field, raw, accepted, label)
    return int(raw)


def validate_score(
    scale: Scale | str, score: Any = None, items: Sequence[Any] | None = None
) -> tuple[Scale, int, tuple[int, ...] | None]:
    """Validate a score (or its items, for CADSS-6 and Aldrete); return (scale, total, items)."""
    try:
        sc = Scale(scale)
    except ValueError:
        raise ValidationError(
            "scale", scale, words("one of {choices}",
                                  choices=", ".join(s.value for s in Scale)), words("scale")
        ) from None
    spec = SCALES[sc]
    if spec.items and items is not None:
        if len(items) != spec.items:
            raise ValidationError("items", list(items), words("{items} item scores",
                                                              items=spec.items), spec.label)
        vals = tuple(
            _int(f"item_{i + 1}", v, spec.item_low, spec.item_high,
                 words("{scale} item {number}", scale=term(spec.label), number=i + 1))
            for i, v in enumerate(items)
        )
        total = sum(vals)
        if score is not None and _int("score", score, spec.low, spec.high, spec.label) != total:
            raise ValidationError("score", score, words("the sum of the items ({total})",
                                                        total=total), spec.label)
        return sc, total, vals
    if score is None:
        raise ValidationError("score", score, words("a whole number {low}–{high}",
                                                    low=spec.low, high=spec.high), spec.label)
    return sc, _int("score", score, spec.low, spec.high, spec.label), None
