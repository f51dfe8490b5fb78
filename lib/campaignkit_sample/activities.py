"""The activities units hold, before deciding which ones get reported.

An Activity is one thing a unit did (program, name, day, commune, figures). `make_activities`
makes them all: first the plan's own assignments and key days (`Facts.specials`, the volunteer
days), then ordinary activities drawn from the templates (`Facts.templates`), shared among
the reporting units by weight. Also here: the activity key (how two rows are recognised as the
same activity), the program's days and weekends, and how a commune is picked for an activity.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from dataclasses import dataclass

from .facts import Facts
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
    template: int = -1     # index in Facts.templates, -1 for plan specials


def norm(text: str) -> str:
    """What 'compared after normalisation' means here: no diacritics, no case, letters and digits only."""
    text = unicodedata.normalize("NFD", str(text)).replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


def activity_key(f: Facts, unit: str, held: dt.date, commune: int, name: str) -> tuple:
    """What identifies an activity across reports: unit, day held, commune and normalised name."""
    return (unit, held.isoformat(), f.communes[commune][0], norm(name))


def pick_commune(f: Facts, rng: random.Random, program: str) -> int:
    """Where an activity of `program` is held: mostly focus communes, or wards for the programs held
    mostly in town (`Facts.urban_programs`)."""
    r = rng.random()
    if program in f.urban_programs:
        return rng.choice(f.urban) if r < 0.55 else rng.choice(f.focus) if r < 0.85 else rng.choice(f.rural)
    return rng.choice(f.focus) if r < 0.58 else rng.choice(f.rural) if r < 0.85 else rng.choice(f.urban)


def template_weights(f: Facts, unit: Unit) -> list[float]:
    """How likely the unit is to hold each template's activity (by its sector)."""
    return [t[4].get(unit.sector, t[4].get("*", 0)) for t in f.templates]


def make_template_activity(f: Facts, rng: random.Random, unit: Unit, t_index: int) -> Activity:
    """An ordinary activity of the unit from template `t_index`: day, figures, cost, note, commune."""
    program, names, ranges, participations, _ = f.templates[t_index]
    days = f.program_weekends[program] if rng.random() < 0.6 else f.program_days[program]
    held = rng.choice(days)
    values = {}
    if participations and rng.random() < 0.5:
        values[f.participation] = rng.randint(*participations)
    for ind, (lo, hi) in ranges.items():
        values[ind] = round(rng.uniform(lo, hi), 1) if f.ind_decimals[ind] else rng.randint(lo, hi)
    health = program == f.health_program
    cost = None if rng.random() < 0.3 else rng.randint(5, 150) * 100_000 * (3 if health else 1)
    note = None
    if health and "khám" in names[0].lower() and rng.random() < 0.7:
        note = f"Khám, phát thuốc cho {rng.randint(5, 30) * 10} lượt người dân"
    return Activity(unit.id, program, rng.choice(names), held, pick_commune(f, rng, program), values, cost, note,
                    template=t_index)


def make_activities(f: Facts, rng: random.Random, units: list[Unit], scale: float) -> list[Activity]:
    """Every activity held (before deciding which ones get reported): plan specials first, then templates."""
    reporting = [u for u in units if u.profile != "never"]
    total = max(len(reporting) * 2, round(400 * scale))
    by_id = {u.id: u for u in units}
    acts: list[Activity] = []
    keys: set = set()

    def add(act: Activity) -> bool:
        for attempt in range(6):
            act.key = activity_key(f, act.unit, act.held, act.commune, act.name)
            if act.key not in keys:
                keys.add(act.key)
                acts.append(act)
                return True
            if act.template < 0:
                break
            if attempt < 4:
                act.held = rng.choice(f.program_days[act.program])
            else:
                act.name = f"{act.name} (đợt {attempt})"
        return False

    for uid, program, name, (m, d), commune, values, cost, note in f.specials:
        if uid in by_id and by_id[uid].profile != "never":
            add(Activity(uid, program, name, dt.date(f.year, m, d), f.commune_index[commune], dict(values), cost, note))
    days = f.volunteer_days
    for uid in days["units"]:
        if uid in by_id and by_id[uid].profile != "never":
            for m, d in days["dates"]:
                add(Activity(uid, days["program"], days["name"], dt.date(f.year, m, d),
                             rng.choice(f.focus + f.urban[:3]),
                             {ind: rng.randint(*span) for ind, span in days["figures"].items()}, None, None))
    # share the remaining activities by unit weight (largest remainder, deterministic)
    remaining = max(0, total - len(acts))
    weights = [u.weight for u in reporting]
    quotas = [remaining * w / sum(weights) for w in weights]
    counts = [int(q) for q in quotas]
    order = sorted(range(len(reporting)), key=lambda i: (-(quotas[i] - counts[i]), reporting[i].id))
    for i in order[: remaining - sum(counts)]:
        counts[i] += 1
    for unit, n in zip(reporting, counts, strict=True):
        tw = template_weights(f, unit)
        for _ in range(n):
            add(make_template_activity(f, rng, unit, rng.choices(range(len(f.templates)), tw)[0]))
    return acts
