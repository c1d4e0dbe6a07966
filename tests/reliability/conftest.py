"""Fixtures for the reliability tests that open a window: the UI context factory of the window
tests (``tests/ui/conftest.py``), with its leaked-widget and thread checks."""

from tests.ui.conftest import ui_context as ui_context
