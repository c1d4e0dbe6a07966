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

import re
import string
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any

# a translator of (context, text) — Qt's ``translate`` in the window, a catalog's in the PDF
TranslateIn = Callable[[str, str], str]


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

    def render(self, translate: Callable[[str], str],
               translate_in: TranslateIn | None = None) -> str:
        """The text in the language ``translate`` (English template → translated template)
        gives; parameters that are :class:`Words` are rendered the same way (a :class:`Drawn`
        one with ``translate_in``, the translator of any context)."""
        shown = {k: v.render(translate, translate_in) if isinstance(v, Words) else v
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


class Drawn(Words):
    """A runtime text that is drawn anew in each language by a function of its own (an entry's
    timeline line inside a deviation's sentence): English as given, and ``draw(translate_in)``
    in another language; English again when no translator is given or drawing fails."""

    draw: Callable[[TranslateIn], str]

    def __new__(cls, english: str, draw: Callable[[TranslateIn], str]) -> Drawn:
        self = str.__new__(cls, english)
        self.template = english.replace("{", "{{").replace("}", "}}")
        self.params = {}
        self.draw = draw
        return self

    def render(self, translate: Callable[[str], str],
               translate_in: TranslateIn | None = None) -> str:
        if translate_in is None:
            return str(self)
        try:
            return self.draw(translate_in)
        except (KeyError, TypeError, ValueError, IndexError):
            return str(self)


_FORMATTER = string.Formatter()
# longer stored text is shown as stored: a sentence chairlog wrote is far shorter, and the
# patterns' lazy groups must not be given an unbounded text (one edited into the database)
MAX_RECOGNISED = 1000


@lru_cache(maxsize=512)
def _pattern(template: str) -> re.Pattern[str]:
    parts: list[str] = []
    seen: set[str] = set()
    for literal, field, spec, conversion in _FORMATTER.parse(template):
        parts.append(re.escape(literal))
        if field is None:
            continue
        if spec or conversion or not field.isidentifier():
            raise ValueError(f"a stored sentence's template takes plain {{names}}: {template!r}")
        parts.append(f"(?P={field})" if field in seen else f"(?P<{field}>.+?)")
        seen.add(field)
    return re.compile("".join(parts), re.DOTALL)


def recognise(text: str, templates: Iterable[str],
              terms: Iterable[str] = ()) -> str:
    """A sentence stored as English text (an alert's message in the database) back as the
    :class:`Words` of the first of ``templates`` that produced it, so the window and the PDF
    can show it in the clinic's language; ``text`` unchanged when none matches (a message
    written by an older version, or by hand). The parameters named in ``terms`` are
    vocabulary (``term``); the others are shown as stored.

    Decisions: the stored text stays the English sentence (what the audit trail hashed and
    what older records hold), and recognition reads it back; so records charted before the
    translation existed are translated too. Templates used this way take plain ``{name}``
    placeholders (a format spec would not read back); ``_pattern`` refuses any other."""
    if isinstance(text, Words) or not text or len(text) > MAX_RECOGNISED:
        return text
    vocab = set(terms)
    for template in templates:
        found = _pattern(template).fullmatch(text)
        if found is not None:
            self = str.__new__(Words, text)
            self.template = template
            self.params = {k: term(v) if k in vocab else v for k, v in found.groupdict().items()}
            return self
    return text
