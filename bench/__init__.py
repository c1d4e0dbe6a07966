"""chairlog benchmarks: run on demand (``python -m bench.run``), never inside the test suite's
timing. Each figure is measured against a baseline taken in the same run, because machines
are noisy; see bench/README.md."""
