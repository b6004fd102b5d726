"""The composition root: the only place that picks concrete implementations and wires them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from desktop.config import Settings, config_dir, data_dir, form_template, load_settings
from desktop.domain.carriers.catalogue import Catalogue, default_catalogue
from desktop.domain.label_layout import shipping_label
from desktop.domain.ports import ChangeFeed, PrinterTransport
from desktop.domain.printing import LabelFormat
from desktop.services.address_book import AddressBookService, SenderProfileService
from desktop.services.admission import AdmissionService
from desktop.services.carrier_outbox import OutboxService
from desktop.services.clock import SystemClock
from desktop.services.contract_tables import ContractStore
from desktop.services.counter_operation import CounterOperation, PrintTargets
from desktop.services.history import HistoryService
from desktop.services.number_ranges import NumberRanges
from desktop.services.offline_drafts import OfflineDrafts
from desktop.services.personal_data import PersonalDataService
from desktop.services.pickup_points import PickupPointService
from desktop.services.print_jobs import PrintJobService, Recovery
from desktop.services.product_catalogue import ProductCatalogue
from desktop.services.shipping import ShippingService
from desktop.services.work_list import WorkList

TransportFactory = Callable[[str], PrinterTransport]


@dataclass
class AppContext:
    settings: Settings
    settings_file: Path | None
    admission: object  # desktop.services.admission.AdmissionService
    database: object  # desktop.storage.db.Database
    catalogue: Catalogue
    shipping: ShippingService
    counter: CounterOperation  # the one operation: submit (ship) and check (dry run)
    products: ProductCatalogue
    number_ranges: NumberRanges
    printing: PrintJobService
    history: HistoryService
    address_book: AddressBookService
    senders: SenderProfileService
    extra_transports: dict[str, TransportFactory] = field(default_factory=dict)
    personal_data: object = None  # desktop.services.personal_data.PersonalDataService
    recovery: Recovery | None = None  # what `resume()` found at start-up
    outbox: object = None  # desktop.services.carrier_outbox.OutboxService
    connectors: object = None  # desktop.app_carriers.CarrierConnectors
    work_list: WorkList | None = None  # imported shop orders at the bench
    offline: OfflineDrafts | None = None  # counter saves kept while the server is away
    pickup_points: object = None  # desktop.services.pickup_points.PickupPointService

    def watch_shipments(self, on_change: Callable[[], None]) -> ChangeFeed:
        """Calls `on_change` (on another thread) when any bench saved or changed a shipment;
        the caller stops the returned feed."""
        feed = self.database.shipment_changes()
        feed.start(on_change)
        return feed

    def set_bench(self, name: str) -> None:
        """The settings dialog renamed this bench: new rows carry the new name at once."""
        self.database.set_bench(name)

    def open_scale(self):
        """The configured scale (`simulated://` by default); the caller owns and closes it.
        Not connected yet: a scale unplugged at start reads as disconnected until it is
        plugged in (ValueError only for a bad URL)."""
        return self.scale_manager.open(self.settings.scale_url or "simulated://")

    def scale_monitor(self, scale, callback, interval_s: float = 0.2):
        """One I/O thread reading `scale`, calling `callback(reading)` from that thread."""
        return self.scale_manager.watch(scale, callback, interval_s=interval_s)

    @property
    def scale_manager(self):
        if getattr(self, "_scale_manager", None) is None:
            self._scale_manager = scale_manager()
        return self._scale_manager

    def claim_pdf(self, shipment) -> bytes:
        """The carrier's claim file of a stored shipment, as a PDF (worker thread)."""
        from datetime import date

        from desktop.printing.claim_pdf import render_claim_pdf
        from desktop.services.claims_form import build_claim_file

        claim = build_claim_file(shipment, self.catalogue, today=date.today(),
                                 contract=self.admission.contracts.contract)
        return render_claim_pdf(claim, lang=self.settings.language)

    def day_end(self):
        """The day-end use case (desktop.services.dayend) for the GUI's worker threads."""
        return day_end_service(self)

    def dashboard_snapshot(self, weeks: int = 4):
        """The dashboard's figures (desktop.services.dashboard), on a worker thread."""
        return dashboard_service(self).snapshot(weeks)

    def test_carriers(self) -> list[tuple[str, str, object]]:
        """(carrier, mode, ConnectionCheck) of each carrier in API or demo mode (slow: a
        worker thread); a carrier that cannot be reached is a failed check, never raised."""
        from desktop.domain.connectors import CarrierError, ConnectionCheck

        out = []
        for carrier in self.connectors.carriers():
            mode = self.connectors.mode(carrier)
            if mode not in ("api", "demo"):
                continue
            try:
                check = self.connectors(carrier).test_connection()
            except CarrierError as exc:
                check = ConnectionCheck(False, carrier, exc.describe(self.settings.language))
            out.append((carrier, mode, check))
        return out

    def printer_status(self, url: str | None = None):
        """The printer's state, asked in the profile's language (a raw PDF printer is never
        sent `~HS`: it would print it as text)."""
        return open_printer(url or self.printer_url, self.extra_transports,
                            self.label_format).status()

    def check_printer_url(self, url: str) -> None:
        """Parses `url` and validates its scheme, port and options through the transport
        registry, without connecting: ValueError naming the problem. Called before anything
        is saved (settings, `ship --printer`)."""
        check_printer_url(url, self.extra_transports, self.label_format)

    @property
    def printer_url(self) -> str:
        return self.settings.effective_printer_url()

    @property
    def forms_printer_url(self) -> str:
        return self.settings.effective_forms_printer_url()

    @property
    def label_format(self) -> LabelFormat:
        return LabelFormat(self.settings.effective_label_format())

    def print_targets(self, printer: str | None = None, fmt: LabelFormat | None = None,
                      forms_printer: str | None = None) -> PrintTargets:
        """The settings' printers, each overridable (a CLI option)."""
        printer_url = printer or self.printer_url
        fmt = fmt or self.label_format
        forms = forms_printer or (printer_url if printer and fmt is LabelFormat.PDF
                                  else self.forms_printer_url)
        return PrintTargets(printer_url, fmt, forms)

    def print_calibration(self, form_id: str = "colissimo-liasse", printer: str | None = None):
        """Sends the calibration page of a pre-printed form's stock (grid every 10 mm,
        crosses captioned in mm, the profile's current offset applied) through the print
        queue, to measure the printer's x/y offset (docs/printers.md#forms). Returns the
        `PrintOutcome` and the template (whose `measured` says if its positions are)."""
        from desktop.domain.printing import PrintJob
        from desktop.printing.forms import render_calibration

        template = form_template(form_id)
        profile = self.settings.effective_printer_profile()
        payload = render_calibration(template, profile)
        job = PrintJob(printer=printer or self.printer_url, format=profile.label_format,
                       payload=payload, kind="calibration")
        return self.printing.send(job, f"calibration-{template.id}."
                                       f"{profile.label_format.extension}"), template

    def preview_draft(self, draft):
        """The label the counter's draft would print, as a `Bitmap` at the profile's
        resolution (worker thread). The number is the one the range would give (read, not
        taken: the dry run); a draft the operation would refuse raises ValidationFailed."""
        from desktop.printing.preview import preview_label

        would_be = self.counter.check(draft).shipment
        # what `ship` prints: the label, or the filled pre-paid form (its variable fields)
        spec = label_builder(self.settings)(would_be, self.catalogue.get(would_be.service_id),
                                            self.settings.language)
        return preview_label(spec, self.settings.effective_printer_profile())

    def purge_print_bytes(self) -> int:
        """Drops the bytes of jobs no longer worth reprinting (deposited, voided, or past the
        label's validity: carrier data), keeping their SHA-256. Returns how many."""
        def validity(service_id: str) -> int | None:
            try:
                return self.catalogue.get(service_id).label_validity_days
            except Exception:  # a service no longer in the catalogue: no known limit
                return None

        return self.printing.purge(validity)

    def resume(self, resend: bool = True, printers: tuple[str | None, ...] = ()) -> Recovery:
        """Start-up after a crash: spool debris removed (the settings' spools, `printers`,
        and those of unfinished jobs), jobs left `sending` by a dead process await
        confirmation, queued jobs are sent (slow: not on the GUI thread)."""
        from desktop.devices.transports.file import remove_orphan_parts

        urls = (self.printer_url, self.forms_printer_url, *printers,
                *self.printing.unfinished_printers())
        for url in dict.fromkeys(u for u in urls if u):
            if url.lower().startswith("file:"):
                try:
                    remove_orphan_parts(url)
                except ValueError:
                    pass  # a malformed spool URL is reported when a job is sent
        return self.printing.recover(resend=resend)

    def check_integrity(self) -> tuple[str, ...]:
        """The daily integrity check, when it was deferred at open (worker thread)."""
        check = getattr(self.database, "check_integrity", None)
        return check() if check is not None else self.integrity_problems

    @property
    def locale_problem(self) -> str:
        """A shared PostgreSQL database's locale when it is not UTF-8 (else "")."""
        return str(getattr(self.database, "locale_problem", "") or "")

    @property
    def integrity_problems(self) -> tuple[str, ...]:
        """What the database's integrity check found at open (empty when sound)."""
        return tuple(getattr(self.database, "integrity_problems", ()))

    def backup(self, dest_dir: Path | None = None) -> Path:
        """"Backup now": a consistent copy of the SQLite database file."""
        return self.database.backup(dest_dir)

    def close(self) -> None:
        from desktop.devices.transports import close_transports

        close_transports()  # serial printers keep their port open between jobs
        if getattr(self, "_scale_manager", None) is not None:
            self._scale_manager.close()
        self.database.close()


def remove_spooled(printer: str, output: str) -> bool:
    """Deletes the file a spool printer kept of a job (erasure of personal data)."""
    from desktop.devices.transports.file import remove_spooled as remove

    return remove(printer, output)


def scale_manager():
    """The scale device manager (no database needed: `comptoir scale` uses it alone)."""
    from desktop.devices.scales.manager import ScaleManager

    return ScaleManager()


def open_scale_device(url: str, *, protocol: str | None = None, connect: bool = True):
    """One scale from its URL (ValueError: bad URL; OSError: cannot be opened)."""
    from desktop.devices.scales import open_scale

    return open_scale(url, protocol=protocol, connect=connect)


def open_printer(url: str, extra: dict[str, TransportFactory],
                 fmt: LabelFormat | None = None) -> PrinterTransport:
    from desktop.devices.transports import open_transport

    scheme = url.split(":", 1)[0].lower()
    if scheme in extra:
        return extra[scheme](url)
    return open_transport(url, fmt)


def check_printer_url(url: str, extra: dict[str, TransportFactory] | None = None,
                      fmt: LabelFormat | None = None) -> None:
    """ValueError unless `url` is a printer URL a transport accepts (no connection made)."""
    from desktop.devices.transports import validate_printer_url

    scheme = url.split(":", 1)[0].lower()
    if scheme in (extra or {}) or scheme == "system":
        return  # served by the user interface (system:) or a test's in-process transport
    validate_printer_url(url, fmt)


class ProfileRenderer:
    """The label renderer with the printer profile the settings name *now* (the settings
    dialog changes them in place while the counter runs). The renderers (reportlab,
    barcodes: ~0.3 s) are imported at the first label, not at start-up."""

    def __init__(self, settings: Settings):
        self._settings = settings

    def render(self, spec, fmt: LabelFormat) -> bytes:
        from desktop.printing.render import LabelRenderer

        return LabelRenderer(profile=self._settings.effective_printer_profile()).render(spec,
                                                                                        fmt)


def draft_journal():
    """This bench's journal of counter drafts not yet in the database (on its own disk)."""
    from desktop.storage.draft_journal import FileDraftJournal

    return FileDraftJournal(data_dir() / "pending-drafts")


def build_context(database_url: str | None = None, settings_file: str | Path | None = None,
                  extra_transports: dict[str, TransportFactory] | None = None,
                  lang: str | None = None, contract_dir: str | Path | None = None,
                  now: Callable[[], datetime] | None = None,
                  defer_integrity_check: bool = False) -> AppContext:
    """`contract_dir` and `now` override the contract tables folder and the admission
    clock (`comptoir check --contract-dir … --date …`). `defer_integrity_check`: the
    daily `PRAGMA quick_check` (seconds on a big file) is left to `check_integrity()`."""
    from desktop.storage.db import open_database

    settings = load_settings(settings_file)
    if lang:
        settings.language = lang
    url = settings.effective_database_url(database_url)
    database = open_database(url, backup_dir=data_dir() / "backups", bench=settings.bench_name,
                             check_integrity=not defer_integrity_check)
    clock = SystemClock()
    catalogue = default_catalogue()
    admission = AdmissionService(catalogue, ContractStore(contract_dir or config_dir() / "contract"),
                                 **({"now": now} if now is not None else {}))
    transports = dict(extra_transports or {})
    printing = PrintJobService(database.print_jobs,
                               lambda printer, fmt: open_printer(printer, transports, fmt), clock,
                               shipments=database.shipments, owner=process_owner(),
                               owner_alive=owner_alive, uow=database)

    connectors, capture = carrier_connectors(settings.extra)
    outbox = OutboxService(uow=database, outbox=database.carrier_outbox,
                           shipments=database.shipments, printing=printing,
                           connectors=connectors, clock=clock,
                           customs_documents=customs_documents, capture=capture)
    shipping = ShippingService(
        shipments=database.shipments, catalogue=catalogue, renderer=ProfileRenderer(settings),
        label_builder=label_builder(settings), printing=printing, clock=clock,
        lang=settings.language,
        carrier_label=lambda sid: database.carrier_outbox.for_shipment(sid) is not None)
    counter = CounterOperation(
        uow=database, shipments=database.shipments, ranges=database.tracking_ranges,
        contacts=database.address_book, printing=printing, catalogue=catalogue,
        render_label=shipping.render_label, clock=clock,
        extra_checks=_extra_checks(admission), customs_documents=customs_documents,
        carrier_mode=connectors.mode, outbox=outbox)
    offline = OfflineDrafts(counter, draft_journal())
    return AppContext(
        settings=settings, settings_file=Path(settings_file) if settings_file else None,
        admission=admission, offline=offline,
        database=database, catalogue=catalogue, shipping=shipping, counter=counter,
        products=ProductCatalogue(database.products),
        number_ranges=NumberRanges(database.tracking_ranges, catalogue), printing=printing,
        history=HistoryService(database.shipments, catalogue, database.carrier_outbox),
        address_book=AddressBookService(database.address_book),
        senders=SenderProfileService(database.sender_profiles),
        extra_transports=transports, outbox=outbox, connectors=connectors,
        pickup_points=PickupPointService(catalogue, connectors),
        personal_data=PersonalDataService(database.personal_data, catalogue.all(), clock,
                                          remove_spooled=remove_spooled),
        work_list=WorkList(database.work_drafts, counter, database.products,
                           SenderProfileService(database.sender_profiles).default))


def restore_database(backup_file: str | Path, database_url: str | None = None,
                     settings_file: str | Path | None = None) -> tuple[Path, Path]:
    """Checks `backup_file`, saves the current database aside, then copies the backup in.
    Returns (the restored database file, the copy of the one it replaced)."""
    from desktop.storage.db import restore_sqlite_database

    settings = load_settings(settings_file)
    url = settings.effective_database_url(database_url)
    return restore_sqlite_database(url, Path(backup_file), data_dir() / "backups")


PREPAID_FORM = "colissimo-liasse"  # resources/printers/forms: La Poste's pre-paid form


def label_builder(settings: Settings):
    """What goes on the paper for a shipment we render ourselves. A service whose number
    comes from the carrier's pre-paid form (Colissimo pré-affranchie, Expert International
    included) gets the form filled in, only its variable fields: the form already carries
    the number and the barcode, a second barcode would compete with it [C 5.3, 6]."""
    from desktop.domain.forms import fill_form

    def build(shipment, service, lang):
        if service.number_sources[:1] == ("form",):
            profile = settings.effective_printer_profile()
            undeliverable = str(dict(shipment.options or {}).get("undeliverable") or "")
            return fill_form(form_template(PREPAID_FORM), shipment, lang,
                             (profile.offset_x_mm, profile.offset_y_mm), undeliverable)
        return shipping_label(shipment, service, lang)
    return build


def carrier_connectors(extra):
    """Each carrier's connector (web service or demo) and the sink that keeps its exchanges,
    already redacted, on the shipment being sent (and in the `comptoir.carriers` log)."""
    from desktop.app_carriers import CarrierConnectors, log_exchange
    from desktop.services.carrier_outbox import ExchangeCapture

    capture = ExchangeCapture(log_exchange)
    return CarrierConnectors(extra, log=capture), capture


def customs_renderers() -> dict:
    """Customs document kind → PDF renderer (desktop.services.customs_forms kinds)."""
    from desktop.printing.cn22 import render_cn22_a4, render_cn22_label
    from desktop.printing.cn23 import render_cn23
    from desktop.printing.invoice import render_invoice
    from desktop.services import customs_forms

    return {customs_forms.CN22_LABEL: render_cn22_label, customs_forms.CN22_A4: render_cn22_a4,
            customs_forms.CN23: render_cn23, customs_forms.INVOICE: render_invoice}


def customs_documents(shipment) -> list[tuple[str, str, bytes]]:
    """The CN22/CN23 and invoice a numbered shipment needs, rendered (empty if none)."""
    from desktop.services import customs_forms

    plan = customs_forms.plan(shipment, posting_date=shipment.created_at.date()
                              if shipment.created_at else None,
                              sender_eori=shipment.customs.sender_customs_reference
                              if shipment.customs else "",
                              base_name=shipment.tracking_number or "customs")
    files = customs_forms.produce(plan, customs_renderers())
    return [(d.kind, d.filename, files[d.filename]) for d in plan.documents]


def process_owner() -> str:
    """This process, as it signs the print jobs it sends: "host:pid"."""
    import os
    import socket

    return f"{socket.gethostname()}:{os.getpid()}"


def owner_alive(owner: str) -> bool:
    """Whether the process that was sending a job still runs. Another machine's process
    (a shared database) cannot be asked: it counts as running."""
    import os
    import socket

    host, _, pid = owner.rpartition(":")
    if not pid.isdigit() or not host:
        return False  # no owner recorded (an older version's job)
    if host != socket.gethostname() or os.name == "nt":  # Windows' os.kill ends processes
        return True
    try:
        os.kill(int(pid), 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by another user
    return True


def _extra_checks(admission: AdmissionService) -> list:
    """Carrier admission and customs checks run with the built-in ones on every shipment.

    The prohibited-contents checklist must be confirmed per shipment (option
    `contents_confirmed`, ticked by the clerk or set in the file) [C 5.4], [N 9].
    """
    from desktop.domain import customs_rules

    return [admission.as_check(confirmed_contents=False), customs_rules.check_shipment]


def day_end_service(ctx: AppContext):
    """Closing the day (desktop.services.dayend) wired to this context's database, catalogue,
    contract tables (Colissimo vignettes) and the deposit-slip PDF renderer."""
    from desktop.printing.deposit_slip import render_deposit_slip
    from desktop.services.clock import SystemClock
    from desktop.services.dayend import DayEndService

    admission = ctx.admission
    return DayEndService(
        shipments=ctx.database.shipments, catalogue=ctx.catalogue, clock=SystemClock(),
        render_slip=render_deposit_slip, transaction=ctx.database.transaction,
        vignettes_of=lambda s: admission.check(s, confirmed_contents=True).vignettes,
        lang=ctx.settings.language)


def paperwork_renderers() -> dict:
    """Carrier paperwork kind → PDF renderer (desktop.services.paperwork kinds)."""
    from desktop.printing.cn07 import render_cn07
    from desktop.printing.cod_form import render_cod_sheet
    from desktop.services import paperwork

    return {paperwork.CN07: render_cn07, paperwork.COD: render_cod_sheet}


def dashboard_service(ctx: AppContext):
    """The dashboard's figures (desktop.services.dashboard) over this context's database."""
    from desktop.services.clock import SystemClock
    from desktop.services.dashboard import DashboardService

    return DashboardService(shipments=ctx.database.shipments,
                            ranges=ctx.database.tracking_ranges, catalogue=ctx.catalogue,
                            clock=SystemClock(), lang=ctx.settings.language)
