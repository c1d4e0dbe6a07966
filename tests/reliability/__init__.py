"""Reliability tests ("nothing lost"): crashes, full disks, bad files, backups, clock jumps,
two workstations, hostile input, and a stateful model of a session."""
