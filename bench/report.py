"""Printing benchmark figures as one table: figure, value, goal, and the floor/peer where one exists."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Figure:
    name: str
    value: float
    unit: str
    goal: str = ""
    floor: float | None = None  # the same thing measured on a bare baseline in the same run
    note: str = ""


def percentile(samples: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty sample."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def timed(action: Callable[[int], object], samples: int) -> list[float]:
    """Milliseconds of ``action(i)`` for i in 0..samples-1 (the index picks the sample's input)."""
    result = []
    for i in range(samples):
        began = time.perf_counter()
        action(i)
        result.append((time.perf_counter() - began) * 1000)
    return result


def p50_p99(name: str, samples: list[float], goal: str = "", unit: str = "ms") -> list[Figure]:
    """The two usual figures of a latency sample."""
    return [
        Figure(f"{name} p50", percentile(samples, 50), unit, goal),
        Figure(f"{name} p99", percentile(samples, 99), unit, goal),
    ]


def print_table(title: str, figures: list[Figure]) -> None:
    rows = [("figure", "value", "goal", "floor/peer", "note")]

    def shown(number: float, unit: str) -> str:
        return f"{number:,.3f} {unit}" if number < 100 else f"{number:,.0f} {unit}"

    for f in figures:
        value = shown(f.value, f.unit)
        floor = "" if f.floor is None else shown(f.floor, f.unit)
        rows.append((f.name, value, f.goal, floor, f.note))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    print(f"\n== {title} ==")
    for i, row in enumerate(rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
