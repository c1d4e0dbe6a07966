"""Reports: the session record PDF, its vitals chart, and PDF signing/verification.

Only the services use this package. reportlab and pyHanko are imported by the modules that
need them (``record_pdf``, ``chart``, ``fonts``, ``signing``, ``pdfinfo``), never here, so that
importing ``chairlog.reports.model`` (the plain input dataclasses) costs nothing at start-up.
"""
