"""The one message catalogue: every rule id, its French and English text, and field labels.

A `Violation` names its rule with a `Rule` (a `StrEnum`, so JSON and tests still see the plain
id) and its field with a dotted path; `render` turns both into a sentence that names the field
by the label the clerk sees on screen ("Destinataire, code postal", "Ligne 3, code SH"), never
the internal path. The catalogue is static: no module adds texts at import time, so a message
never depends on import order. `tests/unit/test_messages.py` checks that every rule has both
languages and that every rule id written in `desktop/` is here.

Placeholders: {field} (the label), {limit}, {actual}. A text that uses {limit} is only given
violations that carry one (the test renders every rule without a limit to catch "None").
"""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from desktop.domain import formatting


class Severity(StrEnum):
    ERROR = "error"  # refuses: nothing is stored
    WARNING = "warning"  # informs only


class Rule(StrEnum):
    # Generic shape of a value
    REQUIRED = "required"
    MAX_LENGTH = "max_length"
    MAX_LINES = "max_lines"
    NOT_A_NUMBER = "not_a_number"
    NOT_A_DECIMAL = "not_a_decimal"
    NOT_A_DATE = "not_a_date"
    NOT_A_TIME = "not_a_time"
    MIN_VALUE = "min_value"
    MAX_VALUE = "max_value"
    POSITIVE = "positive"
    WRONG_TYPE = "wrong_type"
    UNKNOWN_KEY = "unknown_key"
    CHOICE = "choice"
    CONTROL_CHARACTER = "control_character"
    INVALID_TEXT = "invalid_text"
    DUPLICATE = "duplicate"
    DUPLICATE_ROW = "duplicate_row"
    NOT_FOUND = "not_found"
    # Files and storage
    FILE_UNREADABLE = "file_unreadable"
    FILE_TOO_LARGE = "file_too_large"
    FILE_UNWRITABLE = "file_unwritable"
    INVALID_UTF8 = "invalid_utf8"
    INVALID_JSON = "invalid_json"
    INVALID_CSV = "invalid_csv"
    CSV_TOO_BIG = "csv_too_big"
    CSV_TOO_MANY_ROWS = "csv_too_many_rows"
    CSV_FIELD_TOO_LONG = "csv_field_too_long"
    CSV_ENCODING = "csv_encoding"
    CSV_BINARY = "csv_binary"
    CSV_MALFORMED = "csv_malformed"
    CSV_EMPTY = "csv_empty"
    CSV_CELLS = "csv_cells"
    CSV_COLUMNS_MISSING = "csv_columns_missing"
    CSV_PRESET = "csv_preset"
    CSV_DUPLICATE_COLUMN = "csv_duplicate_column"
    ORDER_SKU_UNKNOWN = "order_sku_unknown"
    ORDER_MIXED_ADDRESS = "order_mixed_address"
    ALREADY_DONE = "already_done"
    RESTORE_SQLITE_ONLY = "restore_sqlite_only"
    RESTORE_UNFIT = "restore_unfit"
    TOO_DEEP = "too_deep"
    DATABASE_URL = "database_url"
    DATABASE_UNREACHABLE = "database_unreachable"
    DATABASE_CORRUPT = "database_corrupt"
    DATABASE_READ_ONLY = "database_read_only"
    DATABASE_LOCKED = "database_locked"
    DATABASE_INTEGRITY = "database_integrity"
    DATABASE_LOCALE = "database_locale"  # a shared PostgreSQL database not created in UTF-8
    # Devices (printer transports, device URLs)
    PRINTER_SILENT = "printer_silent"  # connected, but no status reply in time
    PRINTER_UNREACHABLE = "printer_unreachable"  # no connection (refused, timeout, no route)
    PRINTER_STATUS_FAILED = "printer_status_failed"  # the status query broke off
    PRINTER_NO_STATUS = "printer_no_status"  # reachable, never asked (status=none)
    URL_OPTION_UNKNOWN = "url_option_unknown"
    URL_OPTION_VALUE = "url_option_value"
    # Addresses
    UNKNOWN_COUNTRY = "unknown_country"
    UNKNOWN_STATE = "unknown_state"
    POSTCODE_FORMAT = "postcode_format"
    POSTCODE_UNKNOWN = "postcode_unknown"
    TOWN_MISMATCH = "town_mismatch"
    PHONE_FORMAT = "phone_format"
    EMAIL_FORMAT = "email_format"
    SMS_NEEDS_MOBILE = "sms_needs_mobile"
    NO_PUNCTUATION = "no_punctuation"
    # Services and numbers
    UNKNOWN_SERVICE = "unknown_service"
    CHECK_DIGIT = "check_digit"
    S10_FORMAT = "s10_format"
    COLISSIMO_FORMAT = "colissimo_format"
    NUMBER_PREFIX = "number_prefix"
    RANGE_EXHAUSTED = "range_exhausted"
    RANGE_LOW = "range_low"
    FORM_NUMBER_REQUIRED = "form_number_required"
    NUMBER_SOURCE_MISSING = "number_source_missing"
    AWAITING_CARRIER = "awaiting_carrier"
    INVALID_TRANSITION = "invalid_transition"
    FORM_NUMBER_USED = "form_number_used"  # two benches scanned one form (issue 14)
    BARCODE_TOO_LONG = "barcode_too_long"
    BARCODE_CHARSET = "barcode_charset"
    EAN_FORMAT = "ean_format"
    # Carrier admission
    DESTINATION_NOT_SERVED = "destination_not_served"
    MAX_WEIGHT = "max_weight"
    MAX_CHARGEABLE_WEIGHT = "max_chargeable_weight"
    MIN_CHARGEABLE_WEIGHT = "min_chargeable_weight"
    MAX_SIDE = "max_side"
    MAX_SUM_OF_SIDES = "max_sum_of_sides"
    MAX_VALUE_EUR = "max_value_eur"
    DIMENSIONS_UNKNOWN = "dimensions_unknown"
    ROLL_MIN_LENGTH = "roll_min_length"
    ROLL_MIN_DIAMETER = "roll_min_diameter"
    ROLL_LENGTH_PLUS_2D = "roll_length_plus_2d"
    SHAPE_NOT_ADMITTED = "shape_not_admitted"
    BUNDLE_NOT_ADMITTED = "bundle_not_admitted"
    NON_MECHANISABLE = "non_mechanisable"
    NM_ROLL = "nm_roll"
    NM_SHAPE = "nm_shape"
    NM_DECLARED = "nm_declared"
    NM_TOO_SMALL = "nm_too_small"
    NM_TOO_LONG = "nm_too_long"
    NM_TOO_BIG = "nm_too_big"
    OPTION_NOT_AVAILABLE = "option_not_available"
    OPTION_CONFLICT = "option_conflict"
    INSURANCE_STEP = "insurance_step"
    COD_TERRITORY = "cod_territory"
    COD_INTERNATIONAL = "cod_international"
    COD_NOTICE = "cod_notice"
    VALUE_EXCEEDS_COVER = "value_exceeds_cover"
    REGISTERED_VALUE_WITH_POSTAGE = "registered_value_with_postage"
    ADDRESS_DELIVERY_MAX_WEIGHT = "address_delivery_max_weight"
    CN07_REQUIRED = "cn07_required"
    UNDELIVERABLE_CHOICE = "undeliverable_choice"
    VIGNETTE_GRID = "vignette_grid"
    VIGNETTES_INSUFFICIENT = "vignettes_insufficient"
    PROHIBITED_CONTENTS = "prohibited_contents"
    CONTENTS_CONDITION = "contents_condition"
    CONTENTS_UNCONFIRMED = "contents_unconfirmed"
    VARIANT_NOT_ALLOWED = "variant_not_allowed"
    LOCKER_ONE_PIECE = "locker_one_piece"
    LOCKER_COUNTRY = "locker_country"
    LOCKER_FALLBACK = "locker_fallback"
    PICKUP_LIMIT = "pickup_limit"
    PICKUP_LIMIT_VALUE = "pickup_limit_value"
    IDENTITY_CHECK = "identity_check"
    ADULT_ID = "adult_id"
    LABEL_EXPIRES = "label_expires"
    LABEL_EXPIRED = "label_expired"
    LABEL_EXPIRED_AT_DEPOSIT = "label_expired_at_deposit"
    DRAFTS_LEFT = "drafts_left"
    # Carrier web services
    CARRIER_REFUSED = "carrier_refused"
    CARRIER_RETRYABLE = "carrier_retryable"
    CARRIER_PERMANENT = "carrier_permanent"
    CARRIER_AUTH = "carrier_auth"
    CARRIER_CONFIG = "carrier_config"
    CARRIER_UNSUPPORTED = "carrier_unsupported"
    CARRIER_UNKNOWN = "carrier_unknown"
    CARRIER_NOT_REFUSED = "carrier_not_refused"  # nothing left to correct on that shipment
    # A creation may have reached a carrier that offers no look-up: the clerk checks there.
    CARRIER_MAYBE_CREATED = "carrier_maybe_created"
    # Customs
    CUSTOMS_CATEGORY = "customs_category"
    CUSTOMS_NO_ITEMS = "customs_no_items"
    CUSTOMS_VAGUE_DESCRIPTION = "customs_vague_description"
    CUSTOMS_ZERO_VALUE = "customs_zero_value"
    CUSTOMS_PLACEHOLDER_VALUE = "customs_placeholder_value"
    CUSTOMS_CENTS = "customs_cents"
    CUSTOMS_CURRENCY = "customs_currency"
    CUSTOMS_MIXED_CURRENCY = "customs_mixed_currency"
    CUSTOMS_HS_FORMAT = "customs_hs_format"
    CUSTOMS_HS_UNKNOWN = "customs_hs_unknown"
    CUSTOMS_HS_REQUIRED = "customs_hs_required"
    CUSTOMS_ORIGIN_REQUIRED = "customs_origin_required"
    CUSTOMS_NET_OVER_GROSS = "customs_net_over_gross"
    CUSTOMS_INVOICE_REQUIRED = "customs_invoice_required"
    CUSTOMS_EORI_REQUIRED = "customs_eori_required"
    CUSTOMS_EORI_FORMAT = "customs_eori_format"
    # Personal data
    REPRINT_ERASED = "reprint_erased"  # the label's bytes went with an erasure (GDPR art. 17)


class Text(NamedTuple):
    fr: str
    en: str


R = Rule
MESSAGES: dict[Rule, Text] = {
    R.REQUIRED: Text("{field} : champ obligatoire", "{field}: required"),
    R.MAX_LENGTH: Text("{field} : {actual} caractères, {limit} au maximum",
                       "{field}: {actual} characters, at most {limit}"),
    R.MAX_LINES: Text("{field} : {actual} lignes, {limit} au maximum",
                      "{field}: {actual} lines, at most {limit}"),
    R.NOT_A_NUMBER: Text("{field} : « {actual} » n'est pas un nombre entier",
                         "{field}: '{actual}' is not a whole number"),
    R.NOT_A_DECIMAL: Text("{field} : « {actual} » n'est pas un montant (ex. 12.50)",
                          "{field}: '{actual}' is not an amount (e.g. 12.50)"),
    R.NOT_A_DATE: Text("{field} : « {actual} » n'est pas une date valide ({limit})",
                       "{field}: '{actual}' is not a valid date ({limit})"),
    R.NOT_A_TIME: Text("{field} : « {actual} » n'est pas une heure valide ({limit})",
                       "{field}: '{actual}' is not a valid time of day ({limit})"),
    R.MIN_VALUE: Text("{field} : {actual}, doit être au moins {limit}",
                      "{field}: {actual}, must be at least {limit}"),
    R.MAX_VALUE: Text("{field} : {actual}, {limit} au maximum",
                      "{field}: {actual}, at most {limit}"),
    R.POSITIVE: Text("{field} : {actual}, doit être supérieur à 0",
                     "{field}: {actual}, must be greater than 0"),
    R.WRONG_TYPE: Text("{field} : {actual} reçu, {limit} attendu",
                       "{field}: {actual} given, {limit} expected"),
    R.UNKNOWN_KEY: Text("{field} : clé inconnue « {actual} » (clés permises : {limit})",
                        "{field}: unknown key '{actual}' (allowed keys: {limit})"),
    R.CHOICE: Text("{field} : « {actual} » n'est pas une valeur permise ({limit})",
                   "{field}: '{actual}' is not an allowed value ({limit})"),
    R.CONTROL_CHARACTER: Text("{field} : caractère de contrôle {actual} interdit",
                              "{field}: control character {actual} not allowed"),
    R.INVALID_TEXT: Text("{field} : caractère invalide {actual} (demi-paire UTF-16 isolée)",
                         "{field}: invalid character {actual} (lone UTF-16 surrogate)"),
    R.DUPLICATE: Text("{field} : « {actual} » existe déjà", "{field}: '{actual}' already exists"),
    R.DUPLICATE_ROW: Text("{field} : « {actual} » figure déjà à la ligne {limit}",
                          "{field}: '{actual}' already appears on row {limit}"),
    R.NOT_FOUND: Text("{field} : {actual} introuvable", "{field}: {actual} not found"),
    R.FILE_UNREADABLE: Text("{field} : impossible de lire {actual} ({limit})",
                            "{field}: cannot read {actual} ({limit})"),
    R.FILE_UNWRITABLE: Text("{field} : impossible d'écrire {actual} ({limit})",
                            "{field}: cannot write {actual} ({limit})"),
    R.FILE_TOO_LARGE: Text("{field} : {actual} octets, {limit} au maximum",
                           "{field}: {actual} bytes, at most {limit}"),
    R.INVALID_UTF8: Text("{field} : le fichier n'est pas en UTF-8 (octet invalide à la "
                         "position {actual})",
                         "{field}: the file is not UTF-8 (invalid byte at position {actual})"),
    R.INVALID_JSON: Text("{field} : JSON invalide ({actual})", "{field}: invalid JSON ({actual})"),
    R.INVALID_CSV: Text("{field} : CSV illisible ({actual})", "{field}: unreadable CSV ({actual})"),
    R.CSV_TOO_BIG: Text("{field} : le fichier fait {actual} octets, au plus {limit} (découpez-le)",
                        "{field}: the file is {actual} bytes, at most {limit} (split it)"),
    R.CSV_TOO_MANY_ROWS: Text("{field} : plus de {limit} lignes (découpez le fichier)",
                              "{field}: more than {limit} rows (split the file)"),
    R.CSV_FIELD_TOO_LONG: Text("{field} : une cellule dépasse {limit} caractères",
                               "{field}: a cell is longer than {limit} characters"),
    R.CSV_ENCODING: Text("{field} : encodage non reconnu (enregistrez en UTF-8)",
                         "{field}: unknown encoding (save it as UTF-8)"),
    R.CSV_BINARY: Text("{field} : ce n'est pas un fichier texte CSV",
                       "{field}: this is not a CSV text file"),
    R.CSV_MALFORMED: Text("{field} : CSV mal formé ({actual})", "{field}: malformed CSV ({actual})"),
    R.CSV_EMPTY: Text("{field} : fichier vide ou sans en-tête", "{field}: empty file or no header"),
    R.CSV_CELLS: Text("{field} : {actual} cellules, l'en-tête en a {limit}",
                      "{field}: {actual} cells, the header has {limit}"),
    R.CSV_COLUMNS_MISSING: Text("{field} : colonnes manquantes : {limit} (trouvées : {actual})",
                                "{field}: missing columns: {limit} (found: {actual})"),
    R.CSV_PRESET: Text("{field} : format « {actual} » inconnu (connus : {limit})",
                       "{field}: unknown format '{actual}' (known: {limit})"),
    R.CSV_DUPLICATE_COLUMN: Text("{field} : la colonne « {actual} » apparaît deux fois",
                                 "{field}: column '{actual}' appears twice"),
    R.ORDER_SKU_UNKNOWN: Text("{field} : l'article « {actual} » n'est pas dans le catalogue "
                              "produits", "{field}: item '{actual}' is not in the product "
                              "catalogue"),
    R.ORDER_MIXED_ADDRESS: Text("{field} : la commande {actual} a une autre adresse sur une "
                                "ligne précédente", "{field}: order {actual} has another "
                                "address on an earlier line"),
    R.ALREADY_DONE: Text("{field} : la commande {actual} est déjà imprimée",
                         "{field}: order {actual} was already printed"),
    R.RESTORE_SQLITE_ONLY: Text("{field} : seule une base SQLite peut être restaurée ({actual})",
                                "{field}: only an SQLite database can be restored ({actual})"),
    R.RESTORE_UNFIT: Text("{field} : sauvegarde inutilisable : {actual}",
                          "{field}: unusable backup: {actual}"),
    R.TOO_DEEP: Text("{field} : imbrication trop profonde, {limit} niveaux au maximum",
                     "{field}: nested too deeply, at most {limit} levels"),
    R.DATABASE_URL: Text("{field} : « {actual} » n'est pas une adresse de base de données "
                         "utilisable ({limit})",
                         "{field}: '{actual}' is not a usable database address ({limit})"),
    R.DATABASE_UNREACHABLE: Text("{field} : impossible d'ouvrir {actual} ({limit}) ; "
                                 "rien n'a été modifié",
                                 "{field}: cannot open {actual} ({limit}); nothing was changed"),
    R.DATABASE_CORRUPT: Text("{field} : le fichier {actual} est endommagé ou n'est pas une "
                             "base Comptoir ; rien n'a été modifié, restaurez une sauvegarde",
                             "{field}: the file {actual} is damaged or not a Comptoir "
                             "database; nothing was changed, restore a backup"),
    R.DATABASE_READ_ONLY: Text("{field} : {actual} est en lecture seule ; rien n'a été "
                               "enregistré",
                               "{field}: {actual} is read-only; nothing was saved"),
    R.DATABASE_LOCKED: Text("{field} : {actual} est occupée par un autre programme depuis "
                            "plus de {limit} ms ; rien n'a été enregistré, réessayez",
                            "{field}: {actual} has been busy with another program for over "
                            "{limit} ms; nothing was saved, try again"),
    R.DATABASE_LOCALE: Text("{field} : la base partagée a la locale « {actual} », pas UTF-8 ; "
                            "la recherche ne trouve pas les mots comme sur ce poste seul : "
                            "recréez-la en UTF-8 (README, base partagée)",
                            "{field}: the shared database has the locale '{actual}', not "
                            "UTF-8; search does not find words as a single bench does: create "
                            "it again in UTF-8 (README, shared database)"),
    R.DATABASE_INTEGRITY: Text("{field} : le contrôle d'intégrité signale « {actual} » ; "
                               "faites une sauvegarde et vérifiez le fichier",
                               "{field}: the integrity check reports '{actual}'; make a "
                               "backup and check the file"),
    R.PRINTER_SILENT: Text("{field} : pas de réponse d'état de {actual} en {limit} s ; "
                           "imprimante éteinte, occupée ou d'un autre langage ?",
                           "{field}: no status reply from {actual} within {limit} s; printer "
                           "off, busy or speaking another language?"),
    R.PRINTER_UNREACHABLE: Text("{field} : impossible de joindre {actual} ({limit})",
                                "{field}: cannot reach {actual} ({limit})"),
    R.PRINTER_STATUS_FAILED: Text("{field} : la demande d'état à {actual} a échoué ({limit})",
                                  "{field}: the status query to {actual} failed ({limit})"),
    R.PRINTER_NO_STATUS: Text("{field} : {actual} accepte les connexions ; son état n'est "
                              "pas demandé à cette imprimante ({limit})",
                              "{field}: {actual} accepts connections; this printer is not "
                              "asked for its state ({limit})"),
    R.URL_OPTION_UNKNOWN: Text("{field} : option « {actual} » inconnue dans l'adresse "
                               "(options connues : {limit})",
                               "{field}: unknown option '{actual}' in the address (known "
                               "options: {limit})"),
    R.URL_OPTION_VALUE: Text("{field} : option « {actual} » invalide, {limit} attendu",
                             "{field}: option '{actual}' is not valid, {limit} expected"),
    R.UNKNOWN_STATE: Text("{field} : « {actual} » n'est pas un État ou une province de ce pays "
                          "({limit})",
                          "{field}: '{actual}' is not a state or province of this country "
                          "({limit})"),
    R.UNKNOWN_COUNTRY: Text("{field} : pays inconnu « {actual} » (code ISO 3166-1 alpha-2 "
                            "attendu)",
                            "{field}: unknown country '{actual}' (ISO 3166-1 alpha-2 code "
                            "expected)"),
    R.POSTCODE_FORMAT: Text("{field} : « {actual} » n'est pas un code postal valide ({limit})",
                            "{field}: '{actual}' is not a valid postal code ({limit})"),
    R.POSTCODE_UNKNOWN: Text("{field} : le code postal {actual} n'existe pas",
                             "{field}: postal code {actual} does not exist"),
    R.TOWN_MISMATCH: Text("{field} : « {actual} » ne correspond pas au code postal ({limit})",
                          "{field}: '{actual}' does not match the postal code ({limit})"),
    R.PHONE_FORMAT: Text("{field} : « {actual} » n'est pas un numéro de téléphone ({limit})",
                         "{field}: '{actual}' is not a phone number ({limit})"),
    R.SMS_NEEDS_MOBILE: Text("{field} : « {actual} » est un fixe ; le transporteur envoie le code "
                             "de retrait par SMS : donnez un portable",
                             "{field}: '{actual}' is a landline; the carrier texts the pick-up "
                             "code: give a mobile number"),
    R.EMAIL_FORMAT: Text("{field} : « {actual} » n'est pas une adresse e-mail",
                         "{field}: '{actual}' is not an e-mail address"),
    R.NO_PUNCTUATION: Text("{field} : pas de ponctuation à partir de la ligne 4 ({actual})",
                           "{field}: no punctuation from line 4 on ({actual})"),
    R.UNKNOWN_SERVICE: Text("{field} : service inconnu « {actual} »",
                            "{field}: unknown service '{actual}'"),
    R.CHECK_DIGIT: Text("{field} : chiffre de contrôle faux dans {actual}",
                        "{field}: wrong check digit in {actual}"),
    R.S10_FORMAT: Text("{field} : « {actual} » n'est pas un numéro S10 (2 lettres, 9 chiffres, "
                       "2 lettres)",
                       "{field}: '{actual}' is not an S10 number (2 letters, 9 digits, 2 "
                       "letters)"),
    R.COLISSIMO_FORMAT: Text("{field} : « {actual} » n'est pas un numéro Colissimo "
                             "(13 caractères : chiffre, lettre, 11 chiffres)",
                             "{field}: '{actual}' is not a Colissimo number (13 characters: "
                             "digit, letter, 11 digits)"),
    R.NUMBER_PREFIX: Text("{field} : préfixe {actual}, {limit} attendu",
                          "{field}: prefix {actual}, {limit} expected"),
    R.RANGE_EXHAUSTED: Text("{field} : plage de numéros épuisée ({limit})",
                            "{field}: number range exhausted ({limit})"),
    R.RANGE_LOW: Text("{field} : plus que {actual} numéros dans la plage ({limit} au seuil "
                      "d'alerte)",
                      "{field}: only {actual} numbers left in the range (warning at {limit})"),
    R.NUMBER_SOURCE_MISSING: Text(
        "{field} : aucun numéro de suivi possible pour {actual} ; configurez {limit} "
        "(le numéro n'est jamais inventé)",
        "{field}: no tracking number can be obtained for {actual}; configure {limit} "
        "(a number is never invented)"),
    R.AWAITING_CARRIER: Text(
        "{field} : l'expédition n° {actual} attend encore son transporteur ; son étiquette "
        "s'imprimera à son arrivée (comptoir submit)",
        "{field}: shipment {actual} is still waiting for its carrier; its label prints when "
        "it arrives (comptoir submit)"),
    R.FORM_NUMBER_REQUIRED: Text(
        "{field} : scannez ou saisissez le numéro du formulaire du transporteur ({limit}) ; "
        "il n'est jamais inventé",
        "{field}: scan or type the number from the carrier's form ({limit}); it is never "
        "invented"),
    R.FORM_NUMBER_USED: Text("{field} : N° du formulaire déjà utilisé : « {actual} » est celui "
                             "de l'envoi {limit}",
                             "{field}: form number already used: '{actual}' belongs to shipment "
                             "{limit}"),
    R.INVALID_TRANSITION: Text("{field} : passage de {actual} à {limit} impossible",
                               "{field}: cannot go from {actual} to {limit}"),
    R.BARCODE_TOO_LONG: Text("{field} : trop long pour un code-barres lisible sur l'étiquette "
                             "({actual} modules, {limit} au maximum)",
                             "{field}: too long for a readable barcode on the label ({actual} "
                             "modules, at most {limit})"),
    R.BARCODE_CHARSET: Text("{field} : « {actual} » contient des caractères hors ASCII",
                            "{field}: '{actual}' contains characters outside ASCII"),
    R.EAN_FORMAT: Text("{field} : « {actual} » n'est pas un code EAN/GTIN (8, 12, 13 ou 14 "
                       "chiffres)",
                       "{field}: '{actual}' is not an EAN/GTIN code (8, 12, 13 or 14 digits)"),
    R.DESTINATION_NOT_SERVED: Text("{field} : destination {actual} non desservie par ce "
                                   "service ({limit})",
                                   "{field}: destination {actual} not served by this service "
                                   "({limit})"),
    R.MAX_WEIGHT: Text("{field} : {actual} g, {limit} g au maximum",
                       "{field}: {actual} g, at most {limit} g"),
    R.MAX_CHARGEABLE_WEIGHT: Text("{field} : poids taxable {actual} g, {limit} g au maximum",
                                  "{field}: chargeable weight {actual} g, at most {limit} g"),
    R.MIN_CHARGEABLE_WEIGHT: Text("{field} : poids taxable {actual} g, au moins {limit} g pour "
                                  "ce service",
                                  "{field}: chargeable weight {actual} g, at least {limit} g "
                                  "for this service"),
    R.MAX_SIDE: Text("{field} : {actual} mm, {limit} mm au maximum",
                     "{field}: {actual} mm, at most {limit} mm"),
    R.MAX_SUM_OF_SIDES: Text("{field} : somme des côtés {actual} mm, {limit} mm au maximum",
                             "{field}: sum of the sides {actual} mm, at most {limit} mm"),
    R.MAX_VALUE_EUR: Text("{field} : valeur {actual}, {limit} au maximum",
                          "{field}: value {actual}, at most {limit}"),
    R.DIMENSIONS_UNKNOWN: Text("{field} : dimensions inconnues, contrôle de taille impossible",
                               "{field}: dimensions unknown, size not checked"),
    R.ROLL_MIN_LENGTH: Text("{field} : rouleau de {actual} mm, au moins {limit} mm",
                            "{field}: roll length {actual} mm, at least {limit} mm"),
    R.ROLL_MIN_DIAMETER: Text("{field} : diamètre {actual} mm, au moins {limit} mm",
                              "{field}: diameter {actual} mm, at least {limit} mm"),
    R.ROLL_LENGTH_PLUS_2D: Text("{field} : longueur + 2 × diamètre = {actual} mm, attendu "
                                "{limit} mm",
                                "{field}: length + 2 × diameter = {actual} mm, expected "
                                "{limit} mm"),
    R.SHAPE_NOT_ADMITTED: Text("{field} : forme « {actual} » non admise",
                               "{field}: shape '{actual}' not admitted"),
    R.BUNDLE_NOT_ADMITTED: Text("{field} : colis groupés non admis ({limit})",
                                "{field}: grouped parcels not admitted ({limit})"),
    R.NON_MECHANISABLE: Text("{field} : colis non mécanisable, supplément {limit} HT et "
                             "vignette NM",
                             "{field}: non-mechanisable parcel, {limit} excl. VAT supplement "
                             "and NM vignette"),
    R.NM_ROLL: Text("{field} : un rouleau est toujours non mécanisable",
                    "{field}: a roll is always non-mechanisable"),
    R.NM_SHAPE: Text("{field} : forme « {actual} » non mécanisable",
                     "{field}: shape '{actual}' is non-mechanisable"),
    R.NM_DECLARED: Text("{field} : non mécanisable (signalé)",
                        "{field}: non-mechanisable (flagged)"),
    R.NM_TOO_SMALL: Text("{field} : {actual} mm, moins de {limit} mm (non mécanisable)",
                         "{field}: {actual} mm, under {limit} mm (non-mechanisable)"),
    R.NM_TOO_LONG: Text("{field} : {actual} mm, plus de {limit} mm (non mécanisable)",
                        "{field}: {actual} mm, over {limit} mm (non-mechanisable)"),
    R.NM_TOO_BIG: Text("{field} : {actual} mm, plus de {limit} mm (non mécanisable)",
                       "{field}: {actual} mm, over {limit} mm (non-mechanisable)"),
    R.OPTION_NOT_AVAILABLE: Text("{field} : option {actual} indisponible sur {limit}",
                                 "{field}: option {actual} not available on {limit}"),
    R.OPTION_CONFLICT: Text("{field} : {actual} ne se cumule pas avec {limit}",
                            "{field}: {actual} cannot be combined with {limit}"),
    R.INSURANCE_STEP: Text("{field} : {actual}, l'assurance se prend par paliers de {limit}",
                           "{field}: {actual}, insurance comes in steps of {limit}"),
    R.COD_TERRITORY: Text("{field} : contre-remboursement national seulement en France "
                          "métropolitaine ({actual})",
                          "{field}: national cash on delivery only in metropolitan France "
                          "({actual})"),
    R.COD_INTERNATIONAL: Text("{field} : contre-remboursement international à confirmer avec "
                              "La Poste",
                              "{field}: international cash on delivery to be confirmed with "
                              "La Poste"),
    R.COD_NOTICE: Text("{field} : {actual} > {limit} : jamais laissé en boîte, avis de "
                       "passage et retrait au bureau",
                       "{field}: {actual} > {limit}: never left at the door, notice and "
                       "pick-up at the post office"),
    R.VALUE_EXCEEDS_COVER: Text("{field} : valeur {actual} au-delà de l'indemnisation "
                                "({limit})",
                                "{field}: value {actual} above the indemnity ({limit})"),
    R.REGISTERED_VALUE_WITH_POSTAGE: Text(
        "{field} : valeur port compris {actual} au-delà du taux de recommandation ({limit})",
        "{field}: value including postage {actual} above the registration level ({limit})"),
    R.ADDRESS_DELIVERY_MAX_WEIGHT: Text(
        "{field} : {actual} g, livraison à l'adresse jusqu'à {limit} g seulement",
        "{field}: {actual} g, delivery to an address only up to {limit} g"),
    R.CN07_REQUIRED: Text("{field} : vignette AR et formulaire CN07 rempli sur la face adresse",
                          "{field}: AR vignette and a filled CN07 form on the address side"),
    R.UNDELIVERABLE_CHOICE: Text("{field} : choisir abandon ou retour prioritaire payant si non "
                                 "distribuable",
                                 "{field}: choose abandon or paid priority return if "
                                 "undeliverable"),
    R.VIGNETTE_GRID: Text("{field} : {actual} g hors de la grille des vignettes ({limit} g au "
                          "maximum)",
                          "{field}: {actual} g outside the vignette grid (at most {limit} g)"),
    R.VIGNETTES_INSUFFICIENT: Text("{field} : les vignettes couvrent {limit} g, le colis pèse "
                                   "{actual} g",
                                   "{field}: the vignettes cover {limit} g, the parcel weighs "
                                   "{actual} g"),
    R.PROHIBITED_CONTENTS: Text("{field} : contenu interdit « {actual} »",
                                "{field}: prohibited contents '{actual}'"),
    R.CONTENTS_CONDITION: Text("{field} : « {actual} » admis seulement si {limit}",
                               "{field}: '{actual}' admitted only if {limit}"),
    R.CONTENTS_UNCONFIRMED: Text("{field} : confirmer l'absence de contenus interdits ({limit})",
                                 "{field}: confirm there are no prohibited contents ({limit})"),
    R.VARIANT_NOT_ALLOWED: Text("{field} : variante {actual} impossible ({limit})",
                                "{field}: variant {actual} not possible ({limit})"),
    R.LOCKER_ONE_PIECE: Text("{field} : {actual} pièces, une seule par étiquette en consigne",
                             "{field}: {actual} pieces, only one per label for lockers"),
    R.LOCKER_COUNTRY: Text("{field} : consigne en {actual} impossible ({limit})",
                           "{field}: no locker in {actual} ({limit})"),
    R.LOCKER_FALLBACK: Text("{field} : {actual}, plus que la consigne ({limit}) : livré au "
                            "bureau le plus proche",
                            "{field}: {actual}, more than the locker takes ({limit}): goes to "
                            "the nearest branch"),
    R.PICKUP_LIMIT: Text("{field} : {actual}, point relais limité à {limit}",
                         "{field}: {actual}, pick-up point limited to {limit}"),
    R.PICKUP_LIMIT_VALUE: Text("{field} : {actual}, point relais seulement en dessous de {limit}",
                               "{field}: {actual}, pick-up point only below {limit}"),
    R.IDENTITY_CHECK: Text("{field} : valeur {actual} ≥ {limit} : pièce d'identité et code "
                           "SMS à la livraison",
                           "{field}: value {actual} ≥ {limit}: ID and SMS code at delivery"),
    R.ADULT_ID: Text("{field} : contenu réservé aux adultes, justificatif d'âge à la livraison",
                     "{field}: adults-only contents, proof of age at delivery"),
    R.LABEL_EXPIRES: Text("{field} : étiquette valable jusqu'au {limit}",
                          "{field}: label valid until {limit}"),
    R.LABEL_EXPIRED: Text("{field} : étiquette expirée le {limit}",
                          "{field}: label expired on {limit}"),
    R.LABEL_EXPIRED_AT_DEPOSIT: Text("{field} : étiquette périmée depuis le {limit} — "
                                     "réimprimez-la avant le dépôt",
                                     "{field}: label expired on {limit} — print a new one "
                                     "before deposit"),
    R.DRAFTS_LEFT: Text("{field} : {actual} étiquette(s) pas encore imprimée(s) : pas sur le "
                        "bordereau",
                        "{field}: {actual} label(s) not printed yet: not on the slip"),
    R.CARRIER_REFUSED: Text("{field} : refusé par {limit} ({actual})",
                            "{field}: refused by {limit} ({actual})"),
    R.CARRIER_RETRYABLE: Text("{field} : {limit} ne répond pas pour l'instant ({actual}) ; "
                              "nouvel essai plus tard",
                              "{field}: {limit} is not answering now ({actual}); will retry "
                              "later"),
    R.CARRIER_PERMANENT: Text("{field} : refus définitif de {limit} ({actual})",
                              "{field}: refused for good by {limit} ({actual})"),
    R.CARRIER_AUTH: Text("{field} : identifiants refusés par {limit} ({actual}) ; vérifiez la "
                         "clé API",
                         "{field}: credentials refused by {limit} ({actual}); check the API key"),
    R.CARRIER_CONFIG: Text("{field} : {limit} n'est pas configuré ({actual})",
                           "{field}: {limit} is not configured ({actual})"),
    R.CARRIER_UNSUPPORTED: Text("{field} : opération non proposée par {limit} ({actual})",
                                "{field}: operation not offered by {limit} ({actual})"),
    R.CARRIER_UNKNOWN: Text("{field} : transporteur de « {actual} » inconnu ; précisez --carrier",
                            "{field}: carrier of '{actual}' unknown; give --carrier"),
    R.CARRIER_NOT_REFUSED: Text("{field} : l'envoi « {actual} » n'est plus refusé par le "
                                "transporteur, rien à corriger : {limit}",
                                "{field}: shipment '{actual}' is no longer refused by its "
                                "carrier, nothing to correct: {limit}"),
    R.CARRIER_MAYBE_CREATED: Text("{field} : {limit} a peut-être déjà créé cet envoi (sa réponse "
                                  "s'est perdue) et ne permet pas de le retrouver. Vérifiez "
                                  "dans votre espace {limit} : s'il y figure, annulez l'envoi "
                                  "ici ; sinon, imprimez à nouveau pour le créer",
                                  "{field}: {limit} may already have created this shipment (its "
                                  "answer was lost) and offers no way to find it. Check in your "
                                  "{limit} account: if it is there, void the shipment here; "
                                  "otherwise print again to create it"),
    R.CUSTOMS_CATEGORY: Text("{field} : catégorie « {actual} » inconnue ({limit})",
                             "{field}: unknown category '{actual}' ({limit})"),
    R.CUSTOMS_NO_ITEMS: Text("{field} : au moins une ligne de contenu est nécessaire",
                             "{field}: at least one contents line is needed"),
    R.CUSTOMS_VAGUE_DESCRIPTION: Text(
        "{field} : « {actual} » est trop vague ; dites ce que c'est, en quoi et pour quoi "
        "(ex. « deux chemises homme en coton »)",
        "{field}: '{actual}' is too vague; say what it is, what it is made of and what for "
        "(e.g. 'two men's cotton shirts')"),
    R.CUSTOMS_ZERO_VALUE: Text("{field} : valeur {actual}, une valeur réelle est obligatoire",
                               "{field}: value {actual}, a real value is required"),
    R.CUSTOMS_PLACEHOLDER_VALUE: Text("{field} : {actual} soit 1 par article, valeur fictive "
                                      "refusée",
                                      "{field}: {actual} is 1 per article, a placeholder value"),
    R.CUSTOMS_CENTS: Text("{field} : {actual}, au centime près ({limit} décimales)",
                          "{field}: {actual}, to the cent ({limit} decimals)"),
    R.CUSTOMS_CURRENCY: Text("{field} : devise « {actual} » inconnue (code ISO 4217, ex. EUR)",
                             "{field}: unknown currency '{actual}' (ISO 4217 code, e.g. EUR)"),
    R.CUSTOMS_MIXED_CURRENCY: Text("{field} : plusieurs devises ({actual}), une seule par "
                                   "déclaration",
                                   "{field}: several currencies ({actual}), one per "
                                   "declaration"),
    R.CUSTOMS_HS_FORMAT: Text("{field} : « {actual} » : le code SH a {limit} chiffres",
                              "{field}: '{actual}': an HS code has {limit} digits"),
    R.CUSTOMS_HS_UNKNOWN: Text("{field} : {actual} n'est pas une sous-position du SH 2022",
                               "{field}: {actual} is not an HS 2022 subheading"),
    R.CUSTOMS_HS_REQUIRED: Text("{field} : code SH obligatoire pour un envoi commercial",
                                "{field}: HS code required for commercial items"),
    R.CUSTOMS_ORIGIN_REQUIRED: Text("{field} : pays d'origine obligatoire pour un envoi "
                                    "commercial",
                                    "{field}: country of origin required for commercial items"),
    R.CUSTOMS_NET_OVER_GROSS: Text("{field} : poids nets {actual} g > poids brut {limit} g",
                                   "{field}: net weights {actual} g > gross weight {limit} g"),
    R.CUSTOMS_INVOICE_REQUIRED: Text("{field} : n° de facture obligatoire pour une vente",
                                     "{field}: invoice number required for a sale of goods"),
    R.CUSTOMS_EORI_REQUIRED: Text("{field} : valeur {actual} > {limit} : le n° EORI de "
                                  "l'expéditeur est obligatoire",
                                  "{field}: value {actual} > {limit}: the sender's EORI "
                                  "number is required"),
    R.CUSTOMS_EORI_FORMAT: Text("{field} : « {actual} » n'est pas un n° EORI "
                                "(ex. FR12345678900013)",
                                "{field}: '{actual}' is not an EORI number "
                                "(e.g. FR12345678900013)"),
    R.REPRINT_ERASED: Text("{field} {actual} : réimpression impossible, ses documents ont été "
                           "effacés à la demande du destinataire (RGPD art. 17)",
                           "{field} {actual}: cannot be reprinted, its documents were erased "
                           "at the recipient's request (GDPR art. 17)"),
}

# Field labels: the last part of a path, as the screens caption the widget (desktop/ui).
FIELD_LABELS: dict[str, Text] = {
    # the weighing audit and the work list
    "reason": Text("Motif de la saisie", "Reason for typing"),
    "draft": Text("Commande", "Order"),
    # addresses (address form)
    "name": Text("Nom", "Name"), "company": Text("Société", "Company"),
    "complement": Text("Complément", "Complement"), "building": Text("Bâtiment", "Building"),
    "street": Text("N° et voie", "Number and street"),
    "locality": Text("Lieu-dit / BP", "Locality / PO box"),
    "postcode": Text("Code postal", "Postcode"), "city": Text("Ville", "Town"),
    "country": Text("Pays", "Country"), "state": Text("État / province", "State / province"),
    "phone": Text("Téléphone", "Phone"),
    "email": Text("E-mail", "E-mail"), "lines": Text("Adresse", "Address"),
    # parcel (weight panel)
    "weight_g": Text("Poids", "Weight"), "length_mm": Text("Longueur", "Length"),
    "width_mm": Text("Largeur", "Width"), "height_mm": Text("Hauteur", "Height"),
    "chargeable_weight_g": Text("Poids taxé", "Chargeable weight"),
    "sum_of_sides_mm": Text("Somme des côtés", "Sum of the sides"),
    "length_plus_2_diameters_mm": Text("Longueur + 2 diamètres", "Length + 2 diameters"),
    # shipment (counter)
    "service": Text("Service", "Service"), "reference": Text("Référence", "Reference"),
    "sender": Text("Expéditeur", "Sender"), "recipient": Text("Destinataire", "Recipient"),
    "parcel": Text("Colis", "Parcel"), "tracking_number": Text("N° de suivi", "Tracking number"),
    "label": Text("Étiquette", "Label"), "status": Text("Statut", "Status"),
    "shipments": Text("Expéditions", "Shipments"),
    "contents_confirmed": Text("Contenu vérifié", "Contents checked"),
    "contents_flags": Text("Contenu", "Contents"),
    "options": Text("Options", "Options"), "version": Text("Version du fichier", "File version"),
    "file": Text("Fichier", "File"), "database": Text("Base de données", "Database"),
    "carrier": Text("Transporteur", "Carrier"),
    "shipment": Text("Expédition", "Shipment"),
    # options (options panel)
    "registered": Text("Recommandé", "Registered"),
    "insurance_eur": Text("Assurance (€)", "Insurance (€)"),
    "cod_eur": Text("Contre-remboursement (€)", "Cash on delivery (€)"),
    "advice_of_delivery": Text("Avis de réception", "Advice of delivery"),
    "undeliverable": Text("Si non distribuable", "If undeliverable"),
    "declared_value_eur": Text("Valeur déclarée (€)", "Declared value (€)"),
    "novapost_variant": Text("Variante de livraison", "Delivery variant"),
    "division_id": Text("N° d'agence / consigne", "Branch / locker no."),
    "locker_country": Text("Pays de la consigne", "Locker country"),
    "payer": Text("Payeur", "Payer"), "payment_method": Text("Paiement", "Payment"),
    "pieces": Text("Nombre de colis", "Number of pieces"), "sms": Text("SMS", "SMS"),
    "packaging": Text("Emballage Nova Post", "Nova Post packaging"),
    "adult_only": Text("Réservé aux adultes", "Adults only"),
    "bundle": Text("Lot filmé / cerclé", "Film-wrapped / strapped bundle"),
    "bundle_textiles": Text("Lot de textiles uniquement", "Bundle of textiles only"),
    "bundle_layers": Text("Couches de film", "Film layers"), "shape": Text("Forme", "Shape"),
    "non_mechanisable": Text("Non mécanisable", "Non-mechanisable"),
    "vignettes_applied": Text("Vignettes collées", "Vignettes applied"),
    # customs (customs editor and its lines)
    "customs": Text("Déclaration en douane", "Customs declaration"),
    "category": Text("Catégorie", "Category"), "explanation": Text("Explication", "Explanation"),
    "comments": Text("Observations", "Comments"),
    "invoice_number": Text("N° de facture", "Invoice no."),
    "licence_number": Text("N° de licence", "Licence no."),
    "certificate_number": Text("N° de certificat", "Certificate no."),
    "postal_charges": Text("Frais de port", "Postal charges"),
    "sender_customs_reference": Text("N° EORI de l'expéditeur", "Sender's EORI number"),
    "items": Text("Lignes de contenu", "Contents lines"),
    "description": Text("Description précise", "Precise description"),
    "quantity": Text("Quantité", "Quantity"), "net_weight_g": Text("Poids net", "Net weight"),
    "value": Text("Valeur", "Value"), "currency": Text("Devise", "Currency"),
    "hs_code": Text("Code SH", "HS code"), "origin": Text("Pays d'origine", "Country of origin"),
    # products (product editor, CSV import)
    "sku": Text("SKU", "SKU"), "ean": Text("EAN", "EAN"),
    "description_fr": Text("Description (FR)", "Description (FR)"),
    "description_en": Text("Description (EN)", "Description (EN)"),
    "unit_net_weight_g": Text("Poids net unitaire (g)", "Unit net weight (g)"),
    "unit_value": Text("Valeur unitaire", "Unit value"),
    # number ranges (number ranges dialog)
    "prefix": Text("Préfixe", "Prefix"), "first": Text("Premier numéro", "First number"),
    "last": Text("Dernier numéro", "Last number"), "next_serial": Text("Prochain", "Next"),
    "low_water": Text("Alerte sous", "Warn below"),
    # settings (settings dialog); "settings.<key>" reads as the key's label alone
    "database_url": Text("Base de données (URL)", "Database (URL)"),
    "printer_url": Text("Imprimante (URL)", "Printer (URL)"),
    "printer_profile": Text("Modèle d'imprimante", "Printer model"),
    "forms_printer_url": Text("Imprimante des formulaires (URL)", "Forms printer (URL)"),
    "label_format": Text("Format d'étiquette", "Label format"),
    "scale_url": Text("Balance (URL)", "Scale (URL)"),
    "language": Text("Langue", "Language"),
    "device_url": Text("Adresse de l'appareil (URL)", "Device address (URL)"),
}
# Where a shipment stands when it is no longer refused by its carrier (the {limit} of
# `carrier_not_refused`), by its outbox entry's state; "none": no entry at all.
OUTBOX_STANDING: dict[str, Text] = {
    "created": Text("le transporteur l'a créé, son numéro et son étiquette sont arrivés",
                    "the carrier created it, its number and label have arrived"),
    "awaiting_carrier": Text("il attend d'être renvoyé, ce qui se fait tout seul",
                             "it waits to be sent again, which happens by itself"),
    "none": Text("son numéro ne vient pas du service web d'un transporteur",
                 "its number does not come from a carrier's web service"),
}
# Sections that prefix a label: "recipient.postcode" → "Destinataire, code postal".
SECTIONS = ("sender", "recipient", "parcel")  # customs.* and options.* read alone
_INDEXED = re.compile(r"^(\w+)\[(\d+)\]$")  # "items[2]" (0-based) → "Ligne 3"
_ROW = re.compile(r"^row (\d+)$")  # CSV rows are already 1-based, as in a spreadsheet
_LINE = Text("Ligne", "Line")
_ROW_WORD = Text("Ligne", "Row")


def _pick(text: Text, lang: str) -> str:
    return text.fr if lang == "fr" else text.en


def field_label(path: str, lang: str = "fr") -> str:
    """The user-facing name of a field path, in `lang`.

    "recipient.postcode" → "Destinataire, code postal"; "customs.items[2].hs_code" →
    "Ligne 3, code SH"; "row 4.unit_value" → "Ligne 4, valeur unitaire"; an unknown
    last part is kept as written (it is then a label already).
    """
    if not path:
        return "—"
    parts = str(path).split(".")
    names: list[str] = []
    for i, part in enumerate(parts):
        row, indexed = _ROW.match(part), _INDEXED.match(part)
        if row:
            names.append(f"{_pick(_ROW_WORD, lang)} {row.group(1)}")
        elif indexed and indexed.group(1) == "items":
            names.append(f"{_pick(_LINE, lang)} {int(indexed.group(2)) + 1}")
        elif indexed:  # "contents_flags[0]" → "Contenu 1"
            label = FIELD_LABELS.get(indexed.group(1))
            names.append(f"{_pick(label, lang) if label else indexed.group(1)} "
                         f"{int(indexed.group(2)) + 1}")
        elif i == len(parts) - 1:
            label = FIELD_LABELS.get(part)
            names.append(_pick(label, lang) if label else part)
        elif part in SECTIONS and i == 0 and len(parts) == 2:
            names.append(_pick(FIELD_LABELS[part], lang))
    if len(names) > 1:  # later names lowercased after the comma: "Destinataire, code postal"
        names = [names[0]] + [lower_first(n) for n in names[1:]]
    return ", ".join(names)


def lower_first(text: str) -> str:
    # Keep acronyms and codes ("SKU", "EAN", "N° EORI…") as they are.
    if len(text) > 1 and (text[1].isupper() or text[1] in "°"):
        return text
    return text[:1].lower() + text[1:]


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
MAX_SHOWN_CHARS = 80  # a value quoted in a message is cut after this many characters


def _plain(value: object) -> str:
    """A value as quoted in a message: never "None", never a terminal escape sequence, never
    a 10 000-character wall (huge numbers are summarised, not converted)."""
    if value is None:
        return "—"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return f"≈10^{int((value.bit_length() - 1) * 0.30103)}"
    text = _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}", str(value))
    return text if len(text) <= MAX_SHOWN_CHARS else text[:MAX_SHOWN_CHARS - 1] + "…"


# Type names that `wrong_type` violations carry, as the clerk reads them.
TYPE_WORDS: dict[str, Text] = {
    "integer": Text("nombre entier", "whole number"), "string": Text("texte", "text"),
    "decimal string": Text("montant entre guillemets (ex. \"12.50\")",
                           "amount in quotes (e.g. \"12.50\")"),
    "decimal number": Text("nombre à virgule", "decimal number"),
    "true/false": Text("vrai/faux", "true/false"), "object": Text("objet { }", "object { }"),
    "list": Text("liste [ ]", "list [ ]"), "null": Text("vide (null)", "empty (null)"),
    "list of strings": Text("liste de textes", "list of texts"),
    "list of category ids": Text("liste de catégories", "list of categories"),
    "text": Text("texte", "text"),
    "lines or slots": Text("soit « lines », soit street/complement/building/locality",
                           "either 'lines' or street/complement/building/locality"),
    "both": Text("les deux", "both"),
    # Python's own type names, as `type(value).__name__` gives them
    "str": Text("texte", "text"), "int": Text("nombre entier", "whole number"),
    "float": Text("nombre à virgule", "decimal number"), "bool": Text("vrai/faux", "true/false"),
    "dict": Text("objet { }", "object { }"), "NoneType": Text("vide (null)", "empty (null)"),
}
# Rules whose limit and value name other fields (option keys): shown by their labels.
_NAMES_FIELDS = frozenset({Rule.OPTION_CONFLICT, Rule.OPTION_NOT_AVAILABLE})
# Carrier keys (a service's `carrier`) as the carriers name themselves (services.json).
CARRIER_NAMES = {"laposte-delivengo": "La Poste Delivengo", "colissimo": "Colissimo",
                 "novapost": "Nova Post", "demo": "Démo / Demo"}
_NAMES_CARRIER = frozenset({Rule.CARRIER_REFUSED, Rule.CARRIER_RETRYABLE, Rule.CARRIER_PERMANENT,
                            Rule.CARRIER_AUTH, Rule.CARRIER_CONFIG, Rule.CARRIER_UNSUPPORTED,
                            Rule.CARRIER_MAYBE_CREATED})


# Which values of a rule are quantities, formatted by the clerk's locale ("31 250 g",
# "380,00 €", "mardi 15 déc. 2026"): (kind of `actual`, kind of `limit`). "n" a number (the
# text carries its unit: g, mm, octets…), "eur" an amount in euros (Babel places the sign),
# "date" a day as the screens show it, "field" the unit the field's name says (weight_g,
# length_mm, insurance_eur). Anything else (tracking numbers, postcodes, HS codes, row and
# shipment numbers, years in citations) is quoted as given; so is typed text, always.
_N, _EUR, _DATE, _FIELD = "n", "eur", "date", "field"
QUANTITIES: dict[Rule, tuple[str | None, str | None]] = {
    Rule.MAX_LENGTH: (_N, _N), Rule.MAX_LINES: (_N, _N),
    Rule.MIN_VALUE: (_FIELD, _FIELD), Rule.MAX_VALUE: (_FIELD, _FIELD),
    Rule.POSITIVE: (_FIELD, None),
    Rule.FILE_TOO_LARGE: (_N, _N), Rule.CSV_TOO_BIG: (_N, _N), Rule.CSV_TOO_MANY_ROWS: (None, _N),
    Rule.CSV_FIELD_TOO_LONG: (None, _N), Rule.CSV_CELLS: (_N, _N), Rule.TOO_DEEP: (None, _N),
    Rule.DATABASE_LOCKED: (None, _N), Rule.PRINTER_SILENT: (None, _N), Rule.RANGE_LOW: (_N, _N),
    Rule.BARCODE_TOO_LONG: (_N, _N),
    Rule.MAX_WEIGHT: (_N, _N), Rule.MAX_CHARGEABLE_WEIGHT: (_N, _N),
    Rule.MIN_CHARGEABLE_WEIGHT: (_N, _N), Rule.MAX_SIDE: (_N, _N),
    Rule.MAX_SUM_OF_SIDES: (_N, _N), Rule.MAX_VALUE_EUR: (_EUR, _EUR),
    Rule.ROLL_MIN_LENGTH: (_N, _N), Rule.ROLL_MIN_DIAMETER: (_N, _N),
    Rule.ROLL_LENGTH_PLUS_2D: (_N, _N), Rule.NON_MECHANISABLE: (None, _EUR),
    Rule.NM_TOO_SMALL: (_N, _N), Rule.NM_TOO_LONG: (_N, _N), Rule.NM_TOO_BIG: (_N, _N),
    Rule.INSURANCE_STEP: (_EUR, _EUR), Rule.COD_NOTICE: (_EUR, _EUR),
    Rule.VALUE_EXCEEDS_COVER: (_EUR, _EUR), Rule.REGISTERED_VALUE_WITH_POSTAGE: (_EUR, _EUR),
    Rule.ADDRESS_DELIVERY_MAX_WEIGHT: (_N, _N), Rule.VIGNETTE_GRID: (_N, _N),
    Rule.VIGNETTES_INSUFFICIENT: (_N, _N), Rule.LOCKER_ONE_PIECE: (_N, _N),
    Rule.LOCKER_FALLBACK: (_FIELD, _FIELD), Rule.PICKUP_LIMIT: (_FIELD, _FIELD),
    Rule.PICKUP_LIMIT_VALUE: (_EUR, _EUR),
    Rule.IDENTITY_CHECK: (_EUR, _EUR),
    Rule.LABEL_EXPIRES: (_DATE, _DATE), Rule.LABEL_EXPIRED: (_DATE, _DATE),
    Rule.LABEL_EXPIRED_AT_DEPOSIT: (_DATE, _DATE), Rule.DRAFTS_LEFT: (_N, None),
    Rule.CUSTOMS_ZERO_VALUE: (_N, None), Rule.CUSTOMS_PLACEHOLDER_VALUE: (_N, None),
    Rule.CUSTOMS_CENTS: (_N, None), Rule.CUSTOMS_NET_OVER_GROSS: (_N, _N),
    Rule.CUSTOMS_EORI_REQUIRED: (_EUR, _EUR),
}
# The unit a field's name gives its value (for the "field" kind): the last part of the path.
_FIELD_UNITS = (("_g", " g"), ("_mm", " mm"))
_EURO_FIELDS = frozenset({"total_value"})  # besides every "…_eur"
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _quantity(kind: str | None, value: object, field: str, lang: str,
              units: bool = True) -> object:
    """`value` in the locale's format if it is a quantity of `kind`; else unchanged.
    `units`: a "field" kind adds the field's unit (not when the other value is a sentence
    that cannot carry it, so both read alike)."""
    if kind is None or value is None or isinstance(value, (bool, Text)):
        return value
    if kind == _DATE:
        day_value = value
        if isinstance(value, str) and _ISO_DAY.match(value):
            try:
                day_value = date.fromisoformat(value[:10])
            except ValueError:
                return value
        return formatting.day(day_value, lang) if isinstance(day_value, date) else value
    if isinstance(value, float) and not math.isfinite(value):
        return value
    if not isinstance(value, (int, float, Decimal)) or (
            isinstance(value, Decimal) and not value.is_finite()) or (
            isinstance(value, int) and value.bit_length() > 64):
        return value  # typed text is quoted as typed; huge numbers are summarised by _plain
    unit = ""
    if kind == _FIELD:
        last = _INDEXED.sub(r"\1", str(field).rsplit(".", 1)[-1])
        if units and (last.endswith("_eur") or last in _EURO_FIELDS):
            kind = _EUR
        elif units:
            unit = next((u for suffix, u in _FIELD_UNITS if last.endswith(suffix)), "")
    if kind == _EUR:
        return formatting.money(value, "EUR", lang, exact=True)
    return formatting.number(value, lang, exact=True) + unit


def render(rule: Rule | str, field: str, limit: object = None, actual: object = None,
           source: str = "", lang: str = "fr", *, label: str | None = None) -> str:
    """The sentence for one violation; `label` overrides the field's label."""
    rule = Rule(rule)
    text = MESSAGES[rule]
    name = label if label is not None else field_label(field, lang)
    if rule is Rule.WRONG_TYPE:
        limit, actual = (_pick(TYPE_WORDS[x], lang) if isinstance(x, str) and x in TYPE_WORDS
                         else x for x in (limit, actual))
    elif rule in _NAMES_FIELDS:
        limit, actual = (_pick(FIELD_LABELS[x], lang) if isinstance(x, str) and x in FIELD_LABELS
                         else x for x in (limit, actual))
    elif rule in _NAMES_CARRIER and isinstance(limit, str):
        limit = CARRIER_NAMES.get(limit, limit)
    actual_kind, limit_kind = QUANTITIES.get(rule, (None, None))
    units = not any(isinstance(x, (str, Text)) for x in (actual, limit))
    actual = _quantity(actual_kind, actual, field, lang, units)
    limit = _quantity(limit_kind, limit, field, lang, units)
    # A `Text` is the catalogue's own wording (never typed input): shown whole, not cut.
    limit, actual = (_pick(x, lang) if isinstance(x, Text) else _plain(x)
                     for x in (limit, actual))
    out = _pick(text, lang).format(field=name, limit=limit, actual=actual)
    if source:
        out += f" {cited(source, lang)}"
    return out


_ARTICLES = re.compile(r"^\[[^\]]+\](?:[ ,;]*\[[^\]]+\])*")
_INNER_ARTICLES = re.compile(r"\[[CDN] [^\]]+\]")
# A docs/ page of this repository, with its anchor or section: "docs/sources/customs.md §2".
_DOC_REF = re.compile(r"docs/([\w/-]+)\.md(?:#[\w-]+)?((?:\s*§\s*[\d–-]+)?)")
# The clerk reads the subject of a docs/ page, never its file name.
DOC_TITLES: dict[str, Text] = {
    "sources/customs": Text("guide douane", "customs guide"),
    "citation-audit": Text("guide, limites hors conditions du transporteur",
                           "guide, limits outside the carrier's terms"),
    "printers": Text("guide des imprimantes", "printers guide"),
    "number-sources": Text("guide des numéros de suivi", "tracking numbers guide"),
}
# The standards and documents that sources name in English, as a message names them; the
# rest of such a part (a maintainer's note) is dropped.
_STANDARD_NAMES: tuple[tuple[str, Text], ...] = (
    ("La Poste contract conditions", Text("conditions du contrat La Poste",
                                          "La Poste contract conditions")),
    ("contract default", Text("valeur par défaut du contrat", "contract default")),
    ("UPU Letter Post Regulations", Text("Règlement de la poste aux lettres de l'UPU",
                                         "UPU Letter Post Regulations")),
    ("VAT Directive", Text("directive TVA 2006/112, art. 6", "VAT Directive 2006/112, art. 6")),
    ("Regulation", Text("règlement (UE) 952/2013, art. 4",
                                      "Regulation (EU) 952/2013, art. 4")),
    ("La Poste / Colissimo help pages", Text("pages d'aide La Poste / Colissimo",
                                             "La Poste / Colissimo help pages")),
)
_PARENTHESES = re.compile(r"\s*\([^()]*\)")


def cited(source: str, lang: str = "fr") -> str:
    """The source as a message cites it: the carrier articles ("[C 1]") without the note a
    table row may add after them ("[C 1] Annexe 1 (default 20 kg…)"), else the standard or
    regulation in brackets ("[NF Z10-011]"); a docs/ page is named by its subject ("[guide
    douane §2]"), never by its file, and the notes around it are dropped."""
    articles = _ARTICLES.match(source)
    if articles:
        return articles.group(0)
    if "docs/" not in source and not source.startswith(tuple(k for k, _ in _STANDARD_NAMES)):
        return f"[{source}]"
    parts: list[str] = []
    for part in _PARENTHESES.sub(lambda m: " " + " ".join(
            d.group(0) for d in _DOC_REF.finditer(m.group(0))), source).split(";"):
        part = part.strip()
        named = next((t for k, t in _STANDARD_NAMES if part.startswith(k)), None)
        doc = _DOC_REF.search(part)
        if named is not None:
            parts.append(_pick(named, lang))
        elif doc is None and part and not part.startswith("["):
            parts.append(part.split(":")[0].strip())
        parts += [a.strip("[]") for a in _INNER_ARTICLES.findall(part)]
        if doc is not None:
            title = DOC_TITLES.get(doc.group(1), Text("guide", "guide"))
            parts.append(f"{_pick(title, lang)} {doc.group(2).strip()}".strip())
    return "[" + "; ".join(dict.fromkeys(p for p in parts if p)) + "]"
