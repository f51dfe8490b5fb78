"""Where a fact of the plan is: in the plan text (its section, numbered as the text numbers it)
and in the plan file (the line of its key).

A finding of the plan checks names its plan-file keys (`where`, e.g. 'programs.P2.assignments.1,
awards.thanh_doan.due'); `section_of` turns them into the plan text's sections ('mục IV.2
(chương trình P2)', 'mục IV.2 “Thi đua, khen thưởng”') from the plan's `sections`, and
`lines_of` into the lines of the file the plan was read from ('196, 795').
"""

from __future__ import annotations

from .schema import Plan, Section

PROGRAMS_KEY = "programs"


def _keys(where: str) -> list[str]:
    return [key.strip() for key in where.split(",") if key.strip()]


def _program_id(plan: Plan, key: str) -> str | None:
    """The program a key belongs to: its own ('programs.P2…'), or the one a key day or a team
    names ('key_days.hien_mau' of P2)."""
    parts = key.split(".")
    if parts[0] == PROGRAMS_KEY and len(parts) > 1:
        return parts[1] if any(p.id == parts[1] for p in plan.programs) else None
    if parts[0] == "key_days" and len(parts) > 1:
        day = next((d for d in plan.key_days if d.id == parts[1]), None)
        return day.program if day else None
    if parts[0] == "teams" and len(parts) > 1 and parts[1].isdigit() and int(parts[1]) < len(plan.teams):
        return plan.teams[int(parts[1])].program
    return None


def _label(numbers: list[str], title: str) -> str:
    number = ".".join(n for n in numbers if n)
    return f"mục {number} “{title}”" if number else title


def _matches(sections: list[Section], key: str, numbers: list[str], found: list[tuple[int, int, str]]) -> None:
    """Every section holding `key`, as (length of the held key, depth, label)."""
    for section in sections:
        path = [*numbers, section.number]
        for held in section.holds:
            if key == held or key.startswith(held + "."):
                found.append((len(held), len(path), _label(path, section.title)))
        _matches(section.parts, key, path, found)


def _program_label(plan: Plan, sections: list[Section], program_id: str, numbers: list[str]) -> str | None:
    for section in sections:
        path = [*numbers, section.number]
        if PROGRAMS_KEY in section.holds:
            program = plan.program(program_id)
            return f"mục {'.'.join(n for n in path if n)}.{program.number} (chương trình {program.id})"
        found = _program_label(plan, section.parts, program_id, path)
        if found:
            return found
    return None


def _heading(plan: Plan, key: str) -> str | None:
    """A key of the headings themselves ('sections.4', 'sections.5.parts.1'): that heading."""
    parts, sections, numbers, label = key.split("."), plan.sections, [], None
    for i in range(1, len(parts), 2):
        if not parts[i].isdigit() or int(parts[i]) >= len(sections) or (i > 1 and parts[i - 1] != "parts"):
            return label
        section = sections[int(parts[i])]
        numbers.append(section.number)
        label, sections = _label(numbers, section.title), section.parts
    return label


def section_of_key(plan: Plan, key: str) -> str:
    """The plan text's section stating `key`, '' when the plan file does not say."""
    if key.startswith("sections."):
        return _heading(plan, key) or ""
    found: list[tuple[int, int, str]] = []
    _matches(plan.sections, key, [], found)
    own = max(found)[2] if found else ""
    program_id = _program_id(plan, key)
    if program_id and not (found and max(found)[0] > len(PROGRAMS_KEY)):
        return _program_label(plan, plan.sections, program_id, []) or own
    return own


def section_of(plan: Plan, where: str) -> str:
    """The sections of every key of `where` ('; ' between two), each once."""
    labels = [section_of_key(plan, key) for key in _keys(where)]
    return "; ".join(dict.fromkeys(label for label in labels if label))


def lines_of(plan: Plan, where: str) -> str:
    """The lines of the plan file holding the keys of `where` ('196, 795'), '' for a plan
    built in memory."""
    if plan.source is None:
        return ""
    lines = [plan.source.line_of(key) for key in _keys(where)]
    return ", ".join(str(line) for line in dict.fromkeys(lines) if line)
