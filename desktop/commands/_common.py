"""Helpers shared by the sub-commands: context, language, argument types, error output, exit
codes. Every failure ends as sentences naming the field or argument, the rule, the limit and
the value — never a traceback."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from datetime import date, datetime

from desktop.domain import formatting, translations
from desktop.domain.errors import (
    DomainError,
    NotFound,
    Rule,
    StorageFailed,
    ValidationFailed,
    Violation,
)
from desktop.domain.input_rules import (
    MAX_ARGUMENT_INT,
    clean_text,
    parse_amount,
    parse_date,
    printable,
)
from desktop.domain.messages import Text

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_BAD_INPUT = 2  # an argument, the file, the settings or the database is unusable
EXIT_USAGE = EXIT_BAD_INPUT  # e.g. a printer URL no transport accepts: nothing was stored
EXIT_REFUSED = 3  # the input breaks a rule: nothing was stored
EXIT_PRINT_FAILED = 4  # stored, but the printer did not take the job
EXIT_AWAITING_CARRIER = 5  # stored, waits in the outbox for its carrier (`comptoir submit`)

# Problems with the input itself rather than with what it asks for: exit 2, not 3.
INPUT_RULES = frozenset({Rule.FILE_UNREADABLE, Rule.FILE_UNWRITABLE, Rule.FILE_TOO_LARGE, Rule.INVALID_UTF8,
                         Rule.INVALID_JSON, Rule.INVALID_CSV, Rule.TOO_DEEP, Rule.DATABASE_URL,
                         Rule.DATABASE_UNREACHABLE, Rule.DATABASE_CORRUPT,
                         Rule.DATABASE_READ_ONLY, Rule.DATABASE_LOCKED})


class BadSettings(ValidationFailed):
    """The settings file is unusable: the command stops with exit 2, naming each key."""


def context_from(args):
    """The application context; bad settings or a database fault end the command (exit 2)."""
    from desktop.app import build_context
    from desktop.config import check_settings_file

    problems = check_settings_file(args.config)
    if problems:
        raise BadSettings(problems)
    ctx = build_context(args.database, args.config, lang=args.lang)
    database = getattr(ctx, "database", None)
    found = [("database_integrity", p) for p in getattr(database, "integrity_problems", ())]
    if getattr(database, "locale_problem", ""):
        found.append(("database_locale", database.locale_problem))
    for rule, problem in found:
        warning = Violation("database", rule, actual=problem, severity="warning")
        print(("Attention : " if lang_of(args, ctx.settings) == "fr" else "Warning: ")
              + warning.describe(lang_of(args, ctx.settings)), file=sys.stderr)
    return ctx


def history_context_from(args):
    """The read-only history context (no SQLAlchemy: desktop.app_readonly) when the
    database allows it, else the full one; bad settings end the command (exit 2)."""
    from desktop.app_readonly import history_context
    from desktop.config import check_settings_file

    problems = check_settings_file(args.config)
    if problems:
        raise BadSettings(problems)
    return history_context(args.database, args.config, lang=args.lang) or context_from(args)


def lang_of(args, settings=None) -> str:
    return args.lang or (settings.language if settings else "fr")


# --- argument types: argparse turns their ArgumentTypeError into "argument --x: …", exit 2 ---

def _argument_error(v: Violation) -> argparse.ArgumentTypeError:
    lang = _argument_lang()
    return argparse.ArgumentTypeError(v.describe(lang, label=""
                                                 ).lstrip(" :").lstrip())


def _argument_lang() -> str:
    return "en" if "--lang=en" in sys.argv or ("--lang" in sys.argv and "en" in sys.argv) else "fr"


def bounded_int_argument(minimum: int = 1, maximum: int = MAX_ARGUMENT_INT):
    """An argparse type: a whole number in [minimum, maximum]; the length is checked before
    the conversion, so a 10 000-digit argument costs nothing."""
    def parse(text: str) -> int:
        cleaned = text.strip()
        if len(cleaned) > len(str(maximum)) + 1 or not cleaned.lstrip("-").isdigit():
            if cleaned.lstrip("-").isdigit():
                raise _argument_error(Violation("", "max_value", limit=maximum,
                                                actual=cleaned[:20] + "…"))
            raise _argument_error(Violation("", "not_a_number", actual=cleaned[:40]))
        value = int(cleaned)
        if value > maximum:
            raise _argument_error(Violation("", "max_value", limit=maximum, actual=value))
        if value < minimum:
            raise _argument_error(Violation("", "min_value", limit=minimum, actual=value))
        return value
    parse.__name__ = "whole number"
    return parse


def amount_argument(text: str):
    """An argparse type: a decimal amount ("380", "1.2667"), bounded, no exponent."""
    value, problem = parse_amount("", text)
    if problem:
        raise _argument_error(problem)
    if value <= 0:
        raise _argument_error(Violation("", "positive", limit=0, actual=value))
    return value


def text_argument(text: str) -> str:
    """An argparse type: text printed on a document, bounded and without control characters."""
    value, problem = clean_text("", text)
    if problem:
        raise _argument_error(problem)
    return value


def shipment_key_argument(text: str) -> str:
    """An argparse type: a shipment id (digits) or a tracking number, bounded and clean."""
    value, problem = clean_text("", text.strip(), 40)
    if problem:
        raise _argument_error(problem)
    if value.isdigit() and len(value) > 15:
        raise _argument_error(Violation("", "max_value", limit=10 ** 15 - 1,
                                        actual=value[:20] + "…"))
    return value


def date_argument(text: str) -> date:
    """An argparse type: YYYY-MM-DD, a real calendar day (2026-02-30 is refused)."""
    value, problem = parse_date("", text)
    if problem:
        raise _argument_error(problem)
    return value


def date_or_datetime_argument(text: str) -> date | datetime:
    """YYYY-MM-DD or YYYY-MM-DDTHH:MM."""
    if "T" in text and len(text) <= 25:
        day, _, clock = text.partition("T")
        when = date_argument(day)
        try:
            hours, minutes = (int(x) for x in clock.split(":")[:2])
            return datetime(when.year, when.month, when.day, hours, minutes)
        except ValueError:
            raise _argument_error(Violation("", "not_a_date", limit="YYYY-MM-DDTHH:MM",
                                            actual=text)) from None
    return date_argument(text)


# --- output ---

def tr(text: str, lang: str, **values: object) -> str:
    """A French text (the gettext msgid, extracted by `scripts/translations`) in `lang`."""
    out = translations.gettext(text, lang)
    return out.format(**values) if values else out


def ntr(singular: str, plural: str, n: int, lang: str, **values: object) -> str:
    """The plural form for `n` in `lang`; `{n}` is the number, grouped by the locale."""
    return translations.ngettext(singular, plural, n, lang).format(
        n=formatting.number(n, lang), **values)


def violation_dict(v: Violation, lang: str) -> dict:
    return {"field": v.field, "rule": v.rule, "limit": _plain(v.limit, lang),
            "actual": _plain(v.actual, lang), "source": v.source, "severity": v.severity,
            "message": v.describe(lang)}


def _plain(value, lang: str = "fr"):
    if isinstance(value, Text):  # a value given in both languages
        return value.fr if lang == "fr" else value.en
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return str(value.bit_length())  # never convert a huge integer to decimal text
    return value if value is None or isinstance(value, (int, float, str, bool)) else str(value)


def print_json(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def terminal_text(text: str) -> str:
    """Stored text as shown on a terminal: control characters escaped, never interpreted."""
    return printable(text)


def report_refusal(violations: Iterable[Violation], lang: str, as_json: bool,
                   bad_input: bool = False) -> int:
    violations = list(violations)
    code = EXIT_BAD_INPUT if bad_input or (
        violations and all(v.rule in INPUT_RULES for v in violations)) else EXIT_REFUSED
    if as_json:
        print_json({"ok": False, "errors": [violation_dict(v, lang) for v in violations]})
    else:
        head = "Refusé :" if lang == "fr" else "Refused:"
        print(head, file=sys.stderr)
        for v in violations:
            print(f"  - {v.describe(lang)}", file=sys.stderr)
    return code


def refuse_printer_url(url: str, problem: str, lang: str, as_json: bool) -> int:
    """A printer URL no transport accepts: a clear refusal, exit 2, before anything is saved."""
    text = (f"Adresse d'imprimante refusée ({url}) : {problem}" if lang == "fr"
            else f"Printer URL refused ({url}): {problem}")
    if as_json:
        print_json({"ok": False, "errors": [{"field": "printer", "rule": "printer_url",
                                             "actual": url, "message": text}]})
    else:
        print(text, file=sys.stderr)
    return EXIT_USAGE


def run_guarded(handler, args) -> int:
    """Turns refusals and database faults into a clear message and an exit code, never a
    traceback."""
    lang = args.lang or "fr"
    as_json = getattr(args, "json", False)
    try:
        return handler(args)
    except BadSettings as exc:
        return report_refusal(exc.violations, lang, as_json, bad_input=True)
    except ValidationFailed as exc:
        return report_refusal(exc.violations, lang, as_json)
    except NotFound as exc:
        return report_refusal([Violation(exc.what, "not_found", actual=exc.key)], lang, as_json)
    except StorageFailed as exc:
        return report_refusal([exc.violation], lang, as_json)
    except DomainError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:  # an output file or folder that cannot be written
        where = exc.filename or getattr(args, "out", None) or ""
        return report_refusal([Violation("file", "file_unwritable", actual=where,
                                         limit=exc.strerror or type(exc).__name__)],
                              lang, as_json)
    except Exception as exc:  # noqa: BLE001 - a database fault in the middle of a command
        failure = _storage_failure(exc, args)
        if failure is None:
            raise
        return report_refusal([failure.violation], lang, as_json)


def _storage_failure(exc: BaseException, args):
    from desktop.config import load_settings
    from desktop.storage.faults import as_storage_failure

    try:
        url = load_settings(args.config).effective_database_url(args.database)
    except Exception:  # noqa: BLE001 - the URL only decorates the message
        url = args.database or ""
    return as_storage_failure(exc, url)
