"""`comptoir calibrate [--form ID] [--printer URL]`: prints the calibration page of a
pre-printed form's stock (grid every 10 mm, crosses captioned in mm), with the printer
profile's current offset, to measure that offset (docs/printers.md#forms)."""

from __future__ import annotations

from desktop.commands._common import (
    EXIT_OK,
    EXIT_PRINT_FAILED,
    context_from,
    lang_of,
    print_json,
    run_guarded,
    tr,
)
from desktop.commands.jobs import job_dict
from desktop.config import settings_path, user_forms_dir
from desktop.domain.forms import form_ids

MEASURE = {
    "fr": ("Mesurez sur le papier où la croix (10, 10) est tombée (x, y en mm depuis le coin "
           "haut gauche), réglez « printer_offset_mm » du fichier de réglages {settings} à "
           "{{\"x\": 10 − mesure x, \"y\": 10 − mesure y}} (−20 à 20 mm), et imprimez la page à "
           "nouveau : la croix doit tomber à (10, 10)."),
    "en": ("Measure where the (10, 10) cross landed on the paper (x, y in mm from the top-left "
           "corner), set `printer_offset_mm` in the settings file {settings} to "
           "{{\"x\": 10 − measured x, \"y\": 10 − measured y}} (−20 to 20 mm), and print the page "
           "again: the cross must land at (10, 10)."),
}
NOT_MEASURED = {
    "fr": ("Les positions du modèle « {id} » ({origin}) sont un point de départ, pas encore "
           "mesurées sur le formulaire réel : vérifiez-les sur un formulaire rempli ; pour les "
           "corriger, copiez ce fichier en {own}, corrigez les x_mm/y_mm/width_mm, puis mettez "
           "\"measured\": true."),
    "en": ("The positions of template `{id}` ({origin}) are a starting point, not yet measured "
           "on the real form: check them on a filled-in form; to correct them, copy that file "
           "to {own}, correct x_mm/y_mm/width_mm, then set \"measured\": true."),
}


def register(sub) -> None:
    parser = sub.add_parser("calibrate", help="print a form's calibration page (x/y offset)")
    parser.add_argument("--form", default="colissimo-liasse", choices=form_ids(),
                        help="the pre-printed stock (default: colissimo-liasse)")
    parser.add_argument("--printer", metavar="URL", help="another printer (default: settings)")
    parser.add_argument("--json", action="store_true", help="machine-readable report")
    parser.set_defaults(func=lambda args: run_guarded(_calibrate, args))


def _calibrate(args) -> int:
    ctx = context_from(args)
    try:
        lang = lang_of(args, ctx.settings)
        if args.printer:
            ctx.check_printer_url(args.printer)
        profile = ctx.settings.effective_printer_profile()
        done, template = ctx.print_calibration(args.form, args.printer)
        row = job_dict(done.job, "")
        offset = {"x": profile.offset_x_mm, "y": profile.offset_y_mm}
        own = user_forms_dir() / f"{template.id}.json"
        if args.json:
            print_json({"ok": done.ok, "job": row, "form": template.id,
                        "measured": template.measured, "template_file": template.origin,
                        "own_template": str(own), "profile": profile.id,
                        "offset_mm": offset})
        else:
            word = tr("Imprimé", lang) if done.ok else tr("Non imprimé", lang)
            print(f"{word}: job {row['id']} ({template.id}, {profile.id}, offset "
                  f"x {offset['x']} mm, y {offset['y']} mm) {row['output'] or row['reason']}")
            print(MEASURE[lang].format(settings=settings_path(args.config)))
            if not template.measured:
                print(NOT_MEASURED[lang].format(id=template.id, origin=template.origin,
                                                own=own))
        return EXIT_OK if done.ok else EXIT_PRINT_FAILED
    finally:
        ctx.close()
