"""campaignkit — turns a volunteer campaign's plan and the units' spreadsheets into reports.

Data flows one way: plan → ingest → clean → analyses → render.
"""

__version__ = "0.1.0"
