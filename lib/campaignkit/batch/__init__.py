"""Stage 5, batch: the notebooks of each reporting period run by papermill (`notebooks`), the
per-period run that feeds them one period's analyses and writes everything a period folder
holds (`run`), and the cache that spares reading unchanged spreadsheets again (`cache`)."""
