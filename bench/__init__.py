"""campaignkit's benchmarks: how the kit's cost grows with its work, measured against its own floor.

Run them with `make bench` (or `.venv/bin/python -m bench`, `--help` for the options); the
figures and what they mean are in bench/README.md. Benchmarks report, tests assert: nothing
here is a test, and no test depends on a timing.
"""
