"""`comptoir carriers test [--carrier C] [--json]`: the connection test of each carrier."""

from __future__ import annotations

from desktop.commands._common import EXIT_ERROR, EXIT_OK, context_from, print_json, run_guarded

CARRIERS = ("laposte-delivengo", "novapost", "colissimo", "demo")


def register(sub) -> None:
    parser = sub.add_parser("carriers", help="carrier web services: connection test")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    test = actions.add_parser("test", help="test the connection (credentials, URL)")
    test.add_argument("--carrier", choices=CARRIERS,
                      help="one carrier (default: every carrier in API or demo mode)")
    test.add_argument("--json", action="store_true", help="machine-readable answer")
    test.set_defaults(func=lambda args: run_guarded(_test, args))
    key = actions.add_parser("set-key", help="store a carrier's API key or password in the "
                                             "system keyring (asked without echo)")
    key.add_argument("carrier", choices=CARRIERS[:3])
    key.add_argument("--name", choices=("api_key", "password"), default="api_key",
                     help="which secret (Colissimo: password, or api_key)")
    key.set_defaults(func=lambda args: run_guarded(_set_key, args))


def _set_key(args) -> int:
    """Never echoes, logs or stores the secret anywhere but the keyring."""
    import getpass
    import sys

    from desktop.connectors.credentials import CredentialStore
    from desktop.domain.connectors import CarrierError

    prompt = f"{args.carrier} {args.name}: "
    value = getpass.getpass(prompt) if sys.stdin.isatty() else sys.stdin.readline().strip()
    try:
        CredentialStore().set_secret(args.carrier, args.name, value)
    except CarrierError as exc:
        print(exc.describe(args.lang or "fr"), file=sys.stderr)
        return EXIT_ERROR
    print(("Enregistré dans le trousseau." if (args.lang or "fr") == "fr" else
           "Stored in the keyring.") if value else "Supprimé. / Removed.")
    return EXIT_OK


def _test(args) -> int:
    from desktop.app_carriers import CarrierConnectors

    ctx = context_from(args)
    try:
        connectors = CarrierConnectors(ctx.settings.extra)
        wanted = [args.carrier] if args.carrier else [
            c for c in connectors.carriers() if connectors.mode(c) in ("api", "demo")]
        results = [connectors(c).test_connection() for c in wanted]
        if args.json:
            print_json({"ok": all(r.ok for r in results),
                        "carriers": [{"carrier": r.carrier, "ok": r.ok, "detail": r.detail,
                                      "mode": connectors.mode(c)}
                                     for c, r in zip(wanted, results, strict=True)]})
        else:
            if not results:
                print("Aucun transporteur en mode API. / No carrier in API mode.")
            for c, r in zip(wanted, results, strict=True):
                print(f"{c:<18} {connectors.mode(c):<6} {'OK' if r.ok else 'ÉCHEC/FAILED':<12} "
                      f"{r.detail}")
        return EXIT_OK if all(r.ok for r in results) else EXIT_ERROR
    finally:
        ctx.close()
