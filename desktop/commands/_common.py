"""Helpers shared by the sub-commands: context, language, error output, exit codes."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable

from desktop.domain.errors import DomainError, NotFound, ValidationFailed, Violation

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_REFUSED = 3  # the input breaks a rule: nothing was stored
EXIT_PRINT_FAILED = 4  # stored, but the printer did not take the job


def context_from(args):
    from desktop.app import build_context

    return build_context(args.database, args.config, lang=args.lang)


def lang_of(args, settings=None) -> str:
    return args.lang or (settings.language if settings else "fr")


def violation_dict(v: Violation, lang: str) -> dict:
    return {"field": v.field, "rule": v.rule, "limit": _plain(v.limit), "actual": _plain(v.actual),
            "source": v.source, "severity": v.severity, "message": v.describe(lang)}


def _plain(value):
    return value if value is None or isinstance(value, (int, float, str, bool)) else str(value)


def print_json(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def report_refusal(violations: Iterable[Violation], lang: str, as_json: bool) -> int:
    violations = list(violations)
    if as_json:
        print_json({"ok": False, "errors": [violation_dict(v, lang) for v in violations]})
    else:
        head = "Refusé :" if lang == "fr" else "Refused:"
        print(head, file=sys.stderr)
        for v in violations:
            print(f"  - {v.describe(lang)}", file=sys.stderr)
    return EXIT_REFUSED


def run_guarded(handler, args) -> int:
    """Turns domain refusals into a clear message and an exit code, never a traceback."""
    lang = args.lang or "fr"
    try:
        return handler(args)
    except ValidationFailed as exc:
        return report_refusal(exc.violations, lang, getattr(args, "json", False))
    except NotFound as exc:
        return report_refusal([Violation(exc.what, "not_found", actual=exc.key)], lang,
                              getattr(args, "json", False))
    except DomainError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_ERROR
