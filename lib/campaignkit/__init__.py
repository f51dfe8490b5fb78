"""campaignkit — turns a volunteer campaign's plan and the units' spreadsheets into reports.

The flow, one way, one subpackage per stage (a stage imports only the stages before it):
plan → intake (files → raw tables → clean tables, issues, row accounting) → analyses (one
`PeriodAnalysis` per period) → render (HTML, charts, PDF, CSV, workbooks) → batch (papermill per period).
"""

__version__ = "0.2.0"
