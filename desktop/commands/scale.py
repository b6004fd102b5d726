"""`comptoir scale read|probe|watch`: read a scale from the command line.

    comptoir scale read  --device URL [--protocol P] [--json] [--timeout S]
    comptoir scale probe --device PORT [--json]
    comptoir scale watch --device URL [--protocol P] [--json] [--count N]

`--device` defaults to the `scale_url` setting. Exit codes: 0 done; 1 the scale is silent,
unplugged or never stable in time; 2 bad arguments.
"""

from __future__ import annotations

import json
import sys
import time

from desktop.commands._common import EXIT_ERROR, EXIT_OK, print_json
from desktop.domain.weighing import ScaleReading

EXIT_USAGE = 2
DEFAULT_TIMEOUT_S = 10.0  # our choice: time to put a parcel down and let it settle
PROTOCOL_CHOICES = ("mt-sics", "toledo", "ohaus", "sartorius", "ascii", "hid")
_STATES = {  # state → (French, English)
    "ok": ("stable", "stable"), "motion": ("en mouvement", "moving"),
    "overload": ("surcharge", "overload"), "underload": ("sous zéro", "under zero"),
    "zero": ("zéro", "zero"), "fault": ("défaut balance", "scale fault"),
    "disconnected": ("déconnectée", "disconnected"),
}


def register(sub) -> None:
    parser = sub.add_parser("scale", help="read, probe or watch a scale")
    verbs = parser.add_subparsers(dest="scale_command", metavar="ACTION", required=True)
    read = verbs.add_parser("read", help="print one stable reading")
    probe = verbs.add_parser("probe", help="find which protocol the scale on a port speaks")
    watch = verbs.add_parser("watch", help="print every reading until Ctrl+C")
    for p in (read, probe, watch):
        p.add_argument("--device", metavar="URL",
                       help="scale URL or port: /dev/ttyUSB0, COM3, socket://host:port, "
                            "toledo:///dev/ttyS0, hid://0922:8003 (default: scale_url setting)")
        p.add_argument("--json", action="store_true", help="machine-readable output")
        p.add_argument("--config", metavar="FILE", default=argparse_suppress(),
                       help="settings file (default: user config dir)")
        p.add_argument("--lang", choices=("fr", "en"), default=argparse_suppress())
    for p in (read, watch):
        p.add_argument("--protocol", choices=PROTOCOL_CHOICES,
                       help="protocol, when the URL does not say it")
        p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S, metavar="S",
                       help=f"seconds to wait (default {DEFAULT_TIMEOUT_S:g})")
    watch.add_argument("--count", type=int, metavar="N", help="stop after N readings")
    read.set_defaults(func=_read)
    probe.set_defaults(func=_probe)
    watch.set_defaults(func=_watch)


def argparse_suppress():
    import argparse
    return argparse.SUPPRESS


def _say(lang: str, fr: str, en: str, **values) -> str:
    return (fr if lang == "fr" else en).format(**values)


def _lang(args) -> str:
    return getattr(args, "lang", None) or "fr"


def _device(args) -> str | None:
    if args.device:
        return args.device
    from desktop.config import load_settings

    try:
        return load_settings(getattr(args, "config", None)).scale_url or None
    except Exception:  # an unreadable settings file: --device is then required
        return None


def reading_dict(r: ScaleReading) -> dict:
    return {"grams": r.weight_g, "stable": r.stable, "state": r.state.value,
            "raw": r.raw.decode("latin-1"), "raw_hex": r.raw.hex(" "),
            "value": None if r.value is None else str(r.value), "unit": r.unit,
            "scale_id": r.scale_id, "at": r.at.isoformat() if r.at else None}


def reading_text(r: ScaleReading, lang: str) -> str:
    fr, en = _STATES[r.state.value]
    state = fr if lang == "fr" else en
    if r.state.value == "ok" and not r.stable:
        state = _STATES["motion"][0 if lang == "fr" else 1]
    return f"{r.weight_g} g  {state}" + (f"  [{r.raw.decode('latin-1').strip()}]" if r.raw else "")


def _usage(lang: str, message: str) -> int:
    print(_say(lang, "Erreur d'argument : {m}", "Bad argument: {m}", m=message), file=sys.stderr)
    return EXIT_USAGE


def _open(args, lang: str, *, connect: bool):
    """(scale, None) or (None, exit code) after printing why."""
    device = _device(args)
    if not device:
        return None, _usage(lang, _say(lang, "--device est requis (aucune balance configurée)",
                                       "--device is required (no scale configured)"))
    if hasattr(args, "timeout") and not args.timeout > 0:
        return None, _usage(lang, f"--timeout {args.timeout:g}: "
                            + _say(lang, "doit être > 0", "must be > 0"))
    from desktop.app import open_scale_device

    try:
        return open_scale_device(device, protocol=args.protocol, connect=connect), None
    except ValueError as exc:
        return None, _usage(lang, str(exc))
    except OSError as exc:
        print(_say(lang, "Balance injoignable : {e}", "Scale unreachable: {e}", e=exc),
              file=sys.stderr)
        return None, EXIT_ERROR


def _read(args) -> int:
    from desktop.services.weighing import wait_for_stable

    lang = _lang(args)
    scale, code = _open(args, lang, connect=True)
    if scale is None:
        return code
    try:
        result = wait_for_stable(scale, args.timeout)
    finally:
        scale.close()
    if result.reading is not None:
        if args.json:
            print_json(reading_dict(result.reading))
        else:
            print(reading_text(result.reading, lang))
        return EXIT_OK
    if result.silent:
        print(_say(lang, "La balance ne répond pas ({s:g} s) : {e}",
                   "The scale did not answer within {s:g} s: {e}",
                   s=args.timeout, e=result.error), file=sys.stderr)
    else:
        print(_say(lang, "Aucune pesée stable en {s:g} s (dernière : {r})",
                   "No stable reading within {s:g} s (last: {r})",
                   s=args.timeout, r=reading_text(result.last, lang)), file=sys.stderr)
    if args.json:
        print_json({"error": "timeout", "silent": result.silent,
                    "last": reading_dict(result.last) if result.last else None})
    return EXIT_ERROR


def _probe(args) -> int:
    from desktop.app import scale_manager

    lang = _lang(args)
    device = _device(args)
    if not device:
        return _usage(lang, _say(lang, "--device est requis", "--device is required"))
    try:
        found = scale_manager().probe(device)
    except ValueError as exc:
        return _usage(lang, str(exc))
    except OSError as exc:
        print(_say(lang, "Port injoignable : {e}", "Port unreachable: {e}", e=exc),
              file=sys.stderr)
        return EXIT_ERROR
    if args.json:
        print_json([{"protocol": f.protocol, "url": f.url, "detail": f.detail,
                     "reading": reading_dict(f.reading) if f.reading else None} for f in found])
    else:
        for f in found:
            seen = f"  {reading_text(f.reading, lang)}" if f.reading else ""
            print(f"{f.protocol:10} {f.url}  ({f.detail}){seen}")
    if not found:
        print(_say(lang, "Aucun protocole connu n'a répondu sur {d}.",
                   "No known protocol answered on {d}.", d=device), file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def _watch(args) -> int:
    lang = _lang(args)
    if args.count is not None and args.count < 1:
        return _usage(lang, f"--count {args.count}: " + _say(lang, "doit être ≥ 1", "must be ≥ 1"))
    scale, code = _open(args, lang, connect=False)
    if scale is None:
        return code
    seen = 0
    paced = getattr(scale, "paced_by_device", False)
    try:
        while args.count is None or seen < args.count:
            try:
                reading = scale.read()
            except OSError as exc:
                print(_say(lang, "déconnectée : {e}", "disconnected: {e}", e=exc),
                      file=sys.stderr, flush=True)
                time.sleep(1.0)  # our choice: retry the port once a second
                continue
            seen += 1
            line = json.dumps(reading_dict(reading), ensure_ascii=False) if args.json \
                else reading_text(reading, lang)
            print(line, flush=True)
            if not paced:
                time.sleep(0.2)  # five readings a second, as the counter screen
    except KeyboardInterrupt:
        pass
    finally:
        scale.close()
    return EXIT_OK
