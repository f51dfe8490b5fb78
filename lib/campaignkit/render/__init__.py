"""Stage 4, render: the period's analyses formatted for their readers — HTML tables and charts
(`html`, `charts`, `sections`), Vietnamese labels, privacy, the offline HTML and PDF export,
index pages, the CSV tables and the appendix workbook (`files`, `appendix`), the explorer."""
