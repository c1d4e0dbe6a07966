"""Bedside monitors: MLLP framing, HL7 v2 reading, the code table, the listener.

Qt-free and database-free: ``chairlog.services.monitor_ingest`` stores what this package reads.
"""
