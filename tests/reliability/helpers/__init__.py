"""Shared set-up for the reliability tests, and scripts run as separate processes."""
