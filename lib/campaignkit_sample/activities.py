"""The activities units hold, before deciding which ones get reported.

An Activity is one thing a unit did (program, name, day, commune, figures). `make_activities`
makes them all: first the plan's own assignments and key days (facts.SPECIALS, the volunteer
Saturdays), then ordinary activities drawn from the templates (facts.TEMPLATES), shared among
the reporting units by weight. Also here: the activity key (how two rows are recognised as the
same activity), the program's days and weekends, and how a commune is picked for an activity.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from dataclasses import dataclass

from .facts import (
    COMMUNE_INDEX,
    COMMUNES,
    FOCUS,
    IND_DECIMALS,
    PROGRAMS,
    RURAL,
    SATURDAY_DATES,
    SATURDAY_UNITS,
    SPECIALS,
    TEMPLATES,
    URBAN,
)
from .registry import Unit


@dataclass
class Activity:
    """One activity a unit held; `values` are its canonical figures (what a correct ingest counts)."""
    unit: str
    program: str
    name: str
    held: dt.date
    commune: int
    values: dict           # canonical figures (indicator id → number)
    cost: int | None
    note: str | None
    key: tuple = ()
    template: int = -1     # index in TEMPLATES, -1 for plan specials


def norm(text: str) -> str:
    """What 'compared after normalisation' means here: no diacritics, no case, letters and digits only."""
    text = unicodedata.normalize("NFD", str(text)).replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


def activity_key(unit: str, held: dt.date, commune: int, name: str) -> tuple:
    """What identifies an activity across reports: unit, day held, commune and normalised name."""
    return (unit, held.isoformat(), COMMUNES[commune][0], norm(name))


def weekend_days(start: dt.date, end: dt.date) -> list[dt.date]:
    """The Saturdays and Sundays from `start` to `end`."""
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    return [d for d in days if d.weekday() >= 5]


PROGRAM_DAYS = {p: [v[2] + dt.timedelta(days=i) for i in range((v[3] - v[2]).days + 1)] for p, v in PROGRAMS.items()}
PROGRAM_WEEKENDS = {p: weekend_days(v[2], v[3]) for p, v in PROGRAMS.items()}


def pick_commune(rng: random.Random, program: str) -> int:
    """Where an activity of `program` is held: mostly focus communes, or wards for programs 6–9."""
    r = rng.random()
    if program in ("P6", "P7", "P8", "P9"):
        return rng.choice(URBAN) if r < 0.55 else rng.choice(FOCUS) if r < 0.85 else rng.choice(RURAL)
    return rng.choice(FOCUS) if r < 0.58 else rng.choice(RURAL) if r < 0.85 else rng.choice(URBAN)


def template_weights(unit: Unit) -> list[float]:
    """How likely the unit is to hold each template's activity (by its sector)."""
    return [t[4].get(unit.sector, t[4].get("*", 0)) for t in TEMPLATES]


def make_template_activity(rng: random.Random, unit: Unit, t_index: int) -> Activity:
    """An ordinary activity of the unit from template `t_index`: day, figures, cost, note, commune."""
    program, names, ranges, ct01, _ = TEMPLATES[t_index]
    days = PROGRAM_WEEKENDS[program] if rng.random() < 0.6 else PROGRAM_DAYS[program]
    held = rng.choice(days)
    values = {}
    if ct01 and rng.random() < 0.5:
        values["CT01"] = rng.randint(*ct01)
    for ind, (lo, hi) in ranges.items():
        values[ind] = round(rng.uniform(lo, hi), 1) if IND_DECIMALS[ind] else rng.randint(lo, hi)
    cost = None if rng.random() < 0.3 else rng.randint(5, 150) * 100_000 * (3 if program == "P2" else 1)
    note = None
    if program == "P2" and "khám" in names[0].lower() and rng.random() < 0.7:
        note = f"Khám, phát thuốc cho {rng.randint(5, 30) * 10} lượt người dân"
    return Activity(unit.id, program, rng.choice(names), held, pick_commune(rng, program), values, cost, note,
                    template=t_index)


def make_activities(rng: random.Random, units: list[Unit], scale: float) -> list[Activity]:
    """Every activity held (before deciding which ones get reported): plan specials first, then templates."""
    reporting = [u for u in units if u.profile != "never"]
    total = max(len(reporting) * 2, round(400 * scale))
    by_id = {u.id: u for u in units}
    acts: list[Activity] = []
    keys: set = set()

    def add(act: Activity) -> bool:
        for attempt in range(6):
            act.key = activity_key(act.unit, act.held, act.commune, act.name)
            if act.key not in keys:
                keys.add(act.key)
                acts.append(act)
                return True
            if act.template < 0:
                break
            if attempt < 4:
                act.held = rng.choice(PROGRAM_DAYS[act.program])
            else:
                act.name = f"{act.name} (đợt {attempt})"
        return False

    for uid, program, name, (m, d), commune, values, cost, note in SPECIALS:
        if uid in by_id and by_id[uid].profile != "never":
            add(Activity(uid, program, name, dt.date(2024, m, d), COMMUNE_INDEX[commune], dict(values), cost, note))
    for uid in SATURDAY_UNITS:
        if uid in by_id and by_id[uid].profile != "never":
            for m, d in SATURDAY_DATES:
                add(Activity(uid, "P6", "Ngày thứ 7 tình nguyện giải quyết thủ tục hành chính cho nhân dân",
                             dt.date(2024, m, d), rng.choice(FOCUS + URBAN[:3]),
                             {"CT01": rng.randint(6, 14), "CT07": rng.randint(8, 25)}, None, None))
    # share the remaining activities by unit weight (largest remainder, deterministic)
    remaining = max(0, total - len(acts))
    weights = [u.weight for u in reporting]
    quotas = [remaining * w / sum(weights) for w in weights]
    counts = [int(q) for q in quotas]
    order = sorted(range(len(reporting)), key=lambda i: (-(quotas[i] - counts[i]), reporting[i].id))
    for i in order[: remaining - sum(counts)]:
        counts[i] += 1
    for unit, n in zip(reporting, counts, strict=True):
        tw = template_weights(unit)
        for _ in range(n):
            add(make_template_activity(rng, unit, rng.choices(range(len(TEMPLATES)), tw)[0]))
    return acts
