"""Messages that the window can show in the clinic's language, built below the window.

The services, the clinical core, the domain and the outbox know no Qt (the import contracts),
yet their messages reach the window: a refused input, a busy chair, a stale write. So a
message is built as ``words("Device {device} is already bound to {chair}.", device=…,
chair=…)``: a :class:`Words`, which *is* the English text (a ``str``: ``str(error)``, the
command line, the logs and the tests read it unchanged) and also remembers its English
template and its parameters. The window (``chairlog.ui.i18n.error_text``) translates the
template, renders the parameters that are themselves :class:`Words` (a field's label, a state
such as "infusing") in the same language, and formats.

``pyside6-lupdate`` extracts the templates: ``tools/translations.sh`` declares ``words`` an
alias of ``QT_TR_NOOP`` (``-tr-function-alias QT_TR_NOOP+=words``), which lupdate reads in
Python source as the call with a literal first argument, under the empty context.

Decisions:
- ONE mechanism: a ``str`` subclass rather than ``template=``/``params=`` attributes on each
  error, so that a message can be passed wherever a ``str`` was (ValidationError's ``label``
  and ``accepted``, a ConflictError's ``message``, a parameter of another message) and keep
  its translation on the way.
- The template must be a literal (never an f-string: lupdate would extract the f-string's
  braces as if they were placeholders and the formatted text would match no entry);
  ``tests/test_words.py`` checks every call site.
- A value that is not vocabulary (a number, a name, an MRN, a value as typed) is a plain
  parameter and is shown as given. A runtime value that *is* vocabulary (a state's label) is
  passed as ``term(value)``: it is looked up in the catalog, where it must be marked with
  ``words`` elsewhere (see ``chairlog.errors.VOCABULARY``); unknown, it shows as given.
- The command line stays English: it prints ``str(error)``.
- A translation whose placeholders do not match the template's (a translator's slip) falls
  back to the English text instead of failing while an error is being shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any


class Words(str):
    """English text that remembers its template and parameters (see the module's notes)."""

    template: str
    params: Mapping[str, Any]

    def __new__(cls, template: str, params: Mapping[str, Any] | None = None) -> Words:
        values = dict(params or {})
        self = super().__new__(cls, template.format(**values) if values else template)
        self.template = template
        self.params = values
        return self

    def render(self, translate: Callable[[str], str]) -> str:
        """The text in the language ``translate`` (English template → translated template)
        gives; parameters that are :class:`Words` are rendered the same way."""
        shown = {k: v.render(translate) if isinstance(v, Words) else v
                 for k, v in self.params.items()}
        wanted = translate(self.template) or self.template
        if not shown:
            return wanted
        try:
            return wanted.format(**shown)
        except (KeyError, IndexError, ValueError):
            return self.template.format(**shown)


def words(template: str, /, **params: Any) -> Words:
    """A message for the catalog: ``template`` (a literal, with ``{named}`` placeholders) and
    its parameters."""
    return Words(template, params)


def term(text: str | Words) -> Words:
    """A runtime value that is vocabulary (marked with ``words`` where it is defined): shown
    in the window's language when the catalog knows it."""
    return text if isinstance(text, Words) else Words(text)


def joined(items: Iterable[str], separator: str) -> Words:
    """Messages joined by ``separator`` ("; " between sentences), each in the window's
    language when it is a :class:`Words` (the joined template itself is only placeholders)."""
    parts = list(items)
    sep = separator.replace("{", "{{").replace("}", "}}")
    return Words(sep.join(f"{{p{i}}}" for i in range(len(parts))),
                 {f"p{i}": term(part) for i, part in enumerate(parts)})
