"""Sinh bộ dữ liệu mẫu (giả lập) cho chiến dịch "Kỳ nghỉ hồng" (2024, và 2025 sau sắp xếp đơn vị hành chính).

Make the synthetic sample campaigns the kit is tested and demonstrated on:

    python -m campaignkit_sample                                  # → data/sample/ (2024)
    python -m campaignkit_sample --campaign 2025                  # → data/sample-2025/
    python -m campaignkit_sample --out /tmp/big --scale 200       # ≈ 100 000 report rows

or, from Python, ``make_campaign(out_dir, seed=None, scale=1.0, facts=FACTS_2024)`` (it returns the
expected counts; the seed defaults to the campaign's year). It writes, under --out:

* ``don_vi.xlsx``            the unit registry (every unit the plan names, plus others of the bloc);
* ``dang_ky/``               registrations, one workbook per unit (.xlsx, one .xls, one .ods);
* ``bao_cao/``               the reports of the plan's cycle (weekly or monthly) and phases, one workbook per unit;
* ``expected_counts.json``   what a correct ingest must find (fates of every row, totals, periods);
* ``README.md``              a Vietnamese description with the table of deliberate mistakes.

Everything is synthetic and seeded: the same ``--seed`` and ``--scale`` give byte-identical
spreadsheet contents. No real person's phone or e-mail appears (fake ``0909 000 ...`` numbers and
``@example.com`` addresses only). It does not import campaignkit.

One module per concern, in the order the generation runs (campaign.make_campaign), each step taking
the `Facts` of the campaign it makes:

* ``facts``       the `Facts` of one campaign (and `Mistakes`, where the deliberate mistakes go);
  ``facts_2024`` and ``facts_2025`` hold the two campaigns' (dates, cycle, programs, indicators,
  communes, units, activity templates, the plan's own activities);
* ``registry``    the units (Unit, make_registry, name contractions, don_vi.xlsx);
* ``activities``  the activities units hold (make_activities);
* ``sending``     when units send which report, and what each lists (specs, calibration, versions);
* ``messiness``   the deliberate mistakes units make, one function per mistake;
* ``rendering``   how cells are written (styles, forms) and sheets built (Grid, title blocks);
* ``writers``     the workbook writers (.xlsx, .xls, .ods);
* ``expected``    the expected counts, README.md and the command-line summary;
* ``campaign``    make_campaign, the orchestrator of the named steps;
* ``__main__``    the command line.

The data contract is ../shared/data-contract.md; "rows" in expected_counts.json are 1-based sheet
row numbers as Excel shows them.
"""

from .campaign import make_campaign
from .expected import summary

__all__ = ["make_campaign", "summary"]
