"""chairlog: offline charting for IV ketamine infusion clinics."""

__version__ = "0.1.0"
