"""Clinical rules with no I/O: dosing, vitals, scales, the session state machine, the clock."""
