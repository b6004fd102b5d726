"""The "N° du formulaire / suivi" field: the number printed on a carrier's pre-paid form.

Colissimo Domicile (pré-affranchie) and Nova Post numbers are given by the carrier and must
be scanned or typed, never invented ([C 5.3], [N 4.3.5]); Delivengo's come from its API or
a range La Poste assigned, so the field is shown only for services whose number may come
from a form (desktop.domain.carriers.number_source).
A hand scanner types the code followed by Enter: Enter moves on to the next field instead
of triggering anything else.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from desktop.ui.i18n import tr

SCANNED_FORMATS = ("colissimo13", "novapost")  # numbers that come from the carrier
PLACEHOLDERS = {"colissimo13": "6A15984040331",  # docs/citation-audit.md#numbers
                "novapost": "20450000000000"}  # [N 4.3.5]: digits only


class FormNumberEdit(QLineEdit):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("tracking_number")
        self.setMaxLength(40)  # longer than any format: a bad scan shows the rule's error
        self.setToolTip(tr("Scannez ou saisissez le numéro imprimé sur le formulaire du "
                           "transporteur"))
        self.number_format = "s10"
        self.needed = False  # the current service's number may come from a form

    def needed_for(self, service) -> bool:
        """Adapts the placeholder to `service`; True when the number must be scanned."""
        self.number_format = getattr(service, "number_format", "s10") if service else "s10"
        sources = tuple(getattr(service, "number_sources", ()) or ()) if service else ()
        # Colissimo pré-affranchie products (Expert International included): the pre-paid
        # form is the number's source; Nova Post's may be scanned where its API is not used.
        needed = self.number_format in SCANNED_FORMATS or (sources[:1] == ("form",))
        self.needed = needed
        if needed and self.number_format in PLACEHOLDERS:
            self.setPlaceholderText(tr("ex. {example}", example=PLACEHOLDERS[self.number_format]))
        return needed

    def number(self) -> str:
        """The number without the spaces a clerk may type when copying it by hand."""
        return "".join(self.text().split()).upper()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.focusNextChild()  # scanners end with Enter: go on to the next field
            event.accept()
            return
        super().keyPressEvent(event)
