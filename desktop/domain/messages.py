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

from desktop.domain import formatting, translations
from desktop.domain.translations import N_, Nn_


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
MESSAGES: dict[Rule, str | tuple[str, str]] = {
    R.REQUIRED: N_("{field} : champ obligatoire"),
    R.MAX_LENGTH: N_("{field} : {actual} caractères, {limit} au maximum"),
    R.MAX_LINES: N_("{field} : {actual} lignes, {limit} au maximum"),
    R.NOT_A_NUMBER: N_("{field} : « {actual} » n'est pas un nombre entier"),
    R.NOT_A_DECIMAL: N_("{field} : « {actual} » n'est pas un montant (ex. 12.50)"),
    R.NOT_A_DATE: N_("{field} : « {actual} » n'est pas une date valide ({limit})"),
    R.NOT_A_TIME: N_("{field} : « {actual} » n'est pas une heure valide ({limit})"),
    R.MIN_VALUE: N_("{field} : {actual}, doit être au moins {limit}"),
    R.MAX_VALUE: N_("{field} : {actual}, {limit} au maximum"),
    R.POSITIVE: N_("{field} : {actual}, doit être supérieur à 0"),
    R.WRONG_TYPE: N_("{field} : {actual} reçu, {limit} attendu"),
    R.UNKNOWN_KEY: N_("{field} : clé inconnue « {actual} » (clés permises : {limit})"),
    R.CHOICE: N_("{field} : « {actual} » n'est pas une valeur permise ({limit})"),
    R.CONTROL_CHARACTER: N_("{field} : caractère de contrôle {actual} interdit"),
    R.INVALID_TEXT: N_("{field} : caractère invalide {actual} (demi-paire UTF-16 isolée)"),
    R.DUPLICATE: N_("{field} : « {actual} » existe déjà"),
    R.DUPLICATE_ROW: N_("{field} : « {actual} » figure déjà à la ligne {limit}"),
    R.NOT_FOUND: N_("{field} : {actual} introuvable"),
    R.FILE_UNREADABLE: N_("{field} : impossible de lire {actual} ({limit})"),
    R.FILE_UNWRITABLE: N_("{field} : impossible d'écrire {actual} ({limit})"),
    R.FILE_TOO_LARGE: N_("{field} : {actual} octets, {limit} au maximum"),
    R.INVALID_UTF8: N_("{field} : le fichier n'est pas en UTF-8 (octet invalide à la "
                       "position {actual})"),
    R.INVALID_JSON: N_("{field} : JSON invalide ({actual})"),
    R.INVALID_CSV: N_("{field} : CSV illisible ({actual})"),
    R.CSV_TOO_BIG: N_("{field} : le fichier fait {actual} octets, au plus {limit} (découpez-le)"),
    R.CSV_TOO_MANY_ROWS: N_("{field} : plus de {limit} lignes (découpez le fichier)"),
    R.CSV_FIELD_TOO_LONG: N_("{field} : une cellule dépasse {limit} caractères"),
    R.CSV_ENCODING: N_("{field} : encodage non reconnu (enregistrez en UTF-8)"),
    R.CSV_BINARY: N_("{field} : ce n'est pas un fichier texte CSV"),
    R.CSV_MALFORMED: N_("{field} : CSV mal formé ({actual})"),
    R.CSV_EMPTY: N_("{field} : fichier vide ou sans en-tête"),
    R.CSV_CELLS: N_("{field} : {actual} cellules, l'en-tête en a {limit}"),
    R.CSV_COLUMNS_MISSING: N_("{field} : colonnes manquantes : {limit} (trouvées : {actual})"),
    R.CSV_PRESET: N_("{field} : format « {actual} » inconnu (connus : {limit})"),
    R.CSV_DUPLICATE_COLUMN: N_("{field} : la colonne « {actual} » apparaît deux fois"),
    R.ORDER_SKU_UNKNOWN: N_("{field} : l'article « {actual} » n'est pas dans le "
                            "catalogue produits"),
    R.ORDER_MIXED_ADDRESS: N_("{field} : la commande {actual} a une autre adresse sur"
                              " une ligne précédente"),
    R.ALREADY_DONE: N_("{field} : la commande {actual} est déjà imprimée"),
    R.RESTORE_SQLITE_ONLY: N_("{field} : seule une base SQLite peut être restaurée ({actual})"),
    R.RESTORE_UNFIT: N_("{field} : sauvegarde inutilisable : {actual}"),
    R.TOO_DEEP: N_("{field} : imbrication trop profonde, {limit} niveaux au maximum"),
    R.DATABASE_URL: N_("{field} : « {actual} » n'est pas une adresse de base de "
                       "données utilisable ({limit})"),
    R.DATABASE_UNREACHABLE: N_("{field} : impossible d'ouvrir {actual} ({limit}) ; "
                               "rien n'a été modifié"),
    R.DATABASE_CORRUPT: N_("{field} : le fichier {actual} est endommagé ou n'est pas "
                           "une base Comptoir ; rien n'a été modifié, restaurez une "
                           "sauvegarde"),
    R.DATABASE_READ_ONLY: N_("{field} : {actual} est en lecture seule ; rien n'a été enregistré"),
    R.DATABASE_LOCKED: N_("{field} : {actual} est occupée par un autre programme "
                          "depuis plus de {limit} ms ; rien n'a été enregistré, "
                          "réessayez"),
    R.DATABASE_LOCALE: N_("{field} : la base partagée a la locale « {actual} », pas "
                          "UTF-8 ; la recherche ne trouve pas les mots comme sur ce "
                          "poste seul : recréez-la en UTF-8 (README, base partagée)"),
    R.DATABASE_INTEGRITY: N_("{field} : le contrôle d'intégrité signale « {actual} » "
                             "; faites une sauvegarde et vérifiez le fichier"),
    R.PRINTER_SILENT: N_("{field} : pas de réponse d'état de {actual} en {limit} s ; "
                         "imprimante éteinte, occupée ou d'un autre langage ?"),
    R.PRINTER_UNREACHABLE: N_("{field} : impossible de joindre {actual} ({limit})"),
    R.PRINTER_STATUS_FAILED: N_("{field} : la demande d'état à {actual} a échoué ({limit})"),
    R.PRINTER_NO_STATUS: N_("{field} : {actual} accepte les connexions ; son état "
                            "n'est pas demandé à cette imprimante ({limit})"),
    R.URL_OPTION_UNKNOWN: N_("{field} : option « {actual} » inconnue dans l'adresse "
                             "(options connues : {limit})"),
    R.URL_OPTION_VALUE: N_("{field} : option « {actual} » invalide, {limit} attendu"),
    R.UNKNOWN_STATE: N_("{field} : « {actual} » n'est pas un État ou une province de "
                        "ce pays ({limit})"),
    R.UNKNOWN_COUNTRY: N_("{field} : pays inconnu « {actual} » (code ISO 3166-1 alpha-2 attendu)"),
    R.POSTCODE_FORMAT: N_("{field} : « {actual} » n'est pas un code postal valide ({limit})"),
    R.POSTCODE_UNKNOWN: N_("{field} : le code postal {actual} n'existe pas"),
    R.TOWN_MISMATCH: N_("{field} : « {actual} » ne correspond pas au code postal ({limit})"),
    R.PHONE_FORMAT: N_("{field} : « {actual} » n'est pas un numéro de téléphone ({limit})"),
    R.SMS_NEEDS_MOBILE: N_("{field} : « {actual} » est un fixe ; le transporteur "
                           "envoie le code de retrait par SMS : donnez un portable"),
    R.EMAIL_FORMAT: N_("{field} : « {actual} » n'est pas une adresse e-mail"),
    R.NO_PUNCTUATION: N_("{field} : pas de ponctuation à partir de la ligne 4 ({actual})"),
    R.UNKNOWN_SERVICE: N_("{field} : service inconnu « {actual} »"),
    R.CHECK_DIGIT: N_("{field} : chiffre de contrôle faux dans {actual}"),
    R.S10_FORMAT: N_("{field} : « {actual} » n'est pas un numéro S10 (2 lettres, 9 "
                     "chiffres, 2 lettres)"),
    R.COLISSIMO_FORMAT: N_("{field} : « {actual} » n'est pas un numéro Colissimo (13 "
                           "caractères : chiffre, lettre, 11 chiffres)"),
    R.NUMBER_PREFIX: N_("{field} : préfixe {actual}, {limit} attendu"),
    R.RANGE_EXHAUSTED: N_("{field} : plage de numéros épuisée ({limit})"),
    R.RANGE_LOW: Nn_("{field} : plus que {actual} numéro dans la plage ({limit} au seuil "
                     "d'alerte)",
                     "{field} : plus que {actual} numéros dans la plage ({limit} au seuil "
                     "d'alerte)"),
    R.NUMBER_SOURCE_MISSING: N_("{field} : aucun numéro de suivi possible pour "
                                "{actual} ; configurez {limit} (le numéro n'est "
                                "jamais inventé)"),
    R.AWAITING_CARRIER: N_("{field} : l'expédition n° {actual} attend encore son "
                           "transporteur ; son étiquette s'imprimera à son arrivée "
                           "(comptoir submit)"),
    R.FORM_NUMBER_REQUIRED: N_("{field} : scannez ou saisissez le numéro du "
                               "formulaire du transporteur ({limit}) ; il n'est "
                               "jamais inventé"),
    R.FORM_NUMBER_USED: N_("{field} : N° du formulaire déjà utilisé : « {actual} » "
                           "est celui de l'envoi {limit}"),
    R.INVALID_TRANSITION: N_("{field} : passage de {actual} à {limit} impossible"),
    R.BARCODE_TOO_LONG: N_("{field} : trop long pour un code-barres lisible sur "
                           "l'étiquette ({actual} modules, {limit} au maximum)"),
    R.BARCODE_CHARSET: N_("{field} : « {actual} » contient des caractères hors ASCII"),
    R.EAN_FORMAT: N_("{field} : « {actual} » n'est pas un code EAN/GTIN (8, 12, 13 ou"
                     " 14 chiffres)"),
    R.DESTINATION_NOT_SERVED: N_("{field} : destination {actual} non desservie par ce"
                                 " service ({limit})"),
    R.MAX_WEIGHT: N_("{field} : {actual} g, {limit} g au maximum"),
    R.MAX_CHARGEABLE_WEIGHT: N_("{field} : poids taxable {actual} g, {limit} g au maximum"),
    R.MIN_CHARGEABLE_WEIGHT: N_("{field} : poids taxable {actual} g, au moins {limit}"
                                " g pour ce service"),
    R.MAX_SIDE: N_("{field} : {actual} mm, {limit} mm au maximum"),
    R.MAX_SUM_OF_SIDES: N_("{field} : somme des côtés {actual} mm, {limit} mm au maximum"),
    R.MAX_VALUE_EUR: N_("{field} : valeur {actual}, {limit} au maximum"),
    R.DIMENSIONS_UNKNOWN: N_("{field} : dimensions inconnues, contrôle de taille impossible"),
    R.ROLL_MIN_LENGTH: N_("{field} : rouleau de {actual} mm, au moins {limit} mm"),
    R.ROLL_MIN_DIAMETER: N_("{field} : diamètre {actual} mm, au moins {limit} mm"),
    R.ROLL_LENGTH_PLUS_2D: N_("{field} : longueur + 2 × diamètre = {actual} mm, "
                              "attendu {limit} mm"),
    R.SHAPE_NOT_ADMITTED: N_("{field} : forme « {actual} » non admise"),
    R.BUNDLE_NOT_ADMITTED: N_("{field} : colis groupés non admis ({limit})"),
    R.NON_MECHANISABLE: N_("{field} : colis non mécanisable, supplément {limit} HT et"
                           " vignette NM"),
    R.NM_ROLL: N_("{field} : un rouleau est toujours non mécanisable"),
    R.NM_SHAPE: N_("{field} : forme « {actual} » non mécanisable"),
    R.NM_DECLARED: N_("{field} : non mécanisable (signalé)"),
    R.NM_TOO_SMALL: N_("{field} : {actual} mm, moins de {limit} mm (non mécanisable)"),
    R.NM_TOO_LONG: N_("{field} : {actual} mm, plus de {limit} mm (non mécanisable)"),
    R.NM_TOO_BIG: N_("{field} : {actual} mm, plus de {limit} mm (non mécanisable)"),
    R.OPTION_NOT_AVAILABLE: N_("{field} : option {actual} indisponible sur {limit}"),
    R.OPTION_CONFLICT: N_("{field} : {actual} ne se cumule pas avec {limit}"),
    R.INSURANCE_STEP: N_("{field} : {actual}, l'assurance se prend par paliers de {limit}"),
    R.COD_TERRITORY: N_("{field} : contre-remboursement national seulement en France "
                        "métropolitaine ({actual})"),
    R.COD_INTERNATIONAL: N_("{field} : contre-remboursement international à confirmer"
                            " avec La Poste"),
    R.COD_NOTICE: N_("{field} : {actual} > {limit} : jamais laissé en boîte, avis de "
                     "passage et retrait au bureau"),
    R.VALUE_EXCEEDS_COVER: N_("{field} : valeur {actual} au-delà de l'indemnisation ({limit})"),
    R.REGISTERED_VALUE_WITH_POSTAGE: N_("{field} : valeur port compris {actual} "
                                        "au-delà du taux de recommandation ({limit})"),
    R.ADDRESS_DELIVERY_MAX_WEIGHT: N_("{field} : {actual} g, livraison à l'adresse "
                                      "jusqu'à {limit} g seulement"),
    R.CN07_REQUIRED: N_("{field} : vignette AR et formulaire CN07 rempli sur la face adresse"),
    R.UNDELIVERABLE_CHOICE: N_("{field} : choisir abandon ou retour prioritaire "
                               "payant si non distribuable"),
    R.VIGNETTE_GRID: N_("{field} : {actual} g hors de la grille des vignettes "
                        "({limit} g au maximum)"),
    R.VIGNETTES_INSUFFICIENT: N_("{field} : les vignettes couvrent {limit} g, le "
                                 "colis pèse {actual} g"),
    R.PROHIBITED_CONTENTS: N_("{field} : contenu interdit « {actual} »"),
    R.CONTENTS_CONDITION: N_("{field} : « {actual} » admis seulement si {limit}"),
    R.CONTENTS_UNCONFIRMED: N_("{field} : confirmer l'absence de contenus interdits ({limit})"),
    R.VARIANT_NOT_ALLOWED: N_("{field} : variante {actual} impossible ({limit})"),
    R.LOCKER_ONE_PIECE: N_("{field} : {actual} pièces, une seule par étiquette en consigne"),
    R.LOCKER_COUNTRY: N_("{field} : consigne en {actual} impossible ({limit})"),
    R.LOCKER_FALLBACK: N_("{field} : {actual}, plus que la consigne ({limit}) : livré"
                          " au bureau le plus proche"),
    R.PICKUP_LIMIT: N_("{field} : {actual}, point relais limité à {limit}"),
    R.PICKUP_LIMIT_VALUE: N_("{field} : {actual}, point relais seulement en dessous de {limit}"),
    R.IDENTITY_CHECK: N_("{field} : valeur {actual} ≥ {limit} : pièce d'identité et "
                         "code SMS à la livraison"),
    R.ADULT_ID: N_("{field} : contenu réservé aux adultes, justificatif d'âge à la livraison"),
    R.LABEL_EXPIRES: N_("{field} : étiquette valable jusqu'au {limit}"),
    R.LABEL_EXPIRED: N_("{field} : étiquette expirée le {limit}"),
    R.LABEL_EXPIRED_AT_DEPOSIT: N_("{field} : étiquette périmée depuis le {limit} — "
                                   "réimprimez-la avant le dépôt"),
    R.DRAFTS_LEFT: Nn_("{field} : {actual} étiquette pas encore imprimée : pas sur le "
                       "bordereau",
                       "{field} : {actual} étiquettes pas encore imprimées : pas sur le "
                       "bordereau"),
    R.CARRIER_REFUSED: N_("{field} : refusé par {limit} ({actual})"),
    R.CARRIER_RETRYABLE: N_("{field} : {limit} ne répond pas pour l'instant "
                            "({actual}) ; nouvel essai plus tard"),
    R.CARRIER_PERMANENT: N_("{field} : refus définitif de {limit} ({actual})"),
    R.CARRIER_AUTH: N_("{field} : identifiants refusés par {limit} ({actual}) ; "
                       "vérifiez la clé API"),
    R.CARRIER_CONFIG: N_("{field} : {limit} n'est pas configuré ({actual})"),
    R.CARRIER_UNSUPPORTED: N_("{field} : opération non proposée par {limit} ({actual})"),
    R.CARRIER_UNKNOWN: N_("{field} : transporteur de « {actual} » inconnu ; précisez --carrier"),
    R.CARRIER_NOT_REFUSED: N_("{field} : l'envoi « {actual} » n'est plus refusé par "
                              "le transporteur, rien à corriger : {limit}"),
    R.CARRIER_MAYBE_CREATED: N_("{field} : {limit} a peut-être déjà créé cet envoi "
                                "(sa réponse s'est perdue) et ne permet pas de le "
                                "retrouver. Vérifiez dans votre espace {limit} : s'il"
                                " y figure, annulez l'envoi ici ; sinon, imprimez à "
                                "nouveau pour le créer"),
    R.CUSTOMS_CATEGORY: N_("{field} : catégorie « {actual} » inconnue ({limit})"),
    R.CUSTOMS_NO_ITEMS: N_("{field} : au moins une ligne de contenu est nécessaire"),
    R.CUSTOMS_VAGUE_DESCRIPTION: N_("{field} : « {actual} » est trop vague ; dites ce"
                                    " que c'est, en quoi et pour quoi (ex. « deux "
                                    "chemises homme en coton »)"),
    R.CUSTOMS_ZERO_VALUE: N_("{field} : valeur {actual}, une valeur réelle est obligatoire"),
    R.CUSTOMS_PLACEHOLDER_VALUE: N_("{field} : {actual} soit 1 par article, valeur "
                                    "fictive refusée"),
    R.CUSTOMS_CENTS: N_("{field} : {actual}, au centime près ({limit} décimales)"),
    R.CUSTOMS_CURRENCY: N_("{field} : devise « {actual} » inconnue (code ISO 4217, ex. EUR)"),
    R.CUSTOMS_MIXED_CURRENCY: N_("{field} : plusieurs devises ({actual}), une seule "
                                 "par déclaration"),
    R.CUSTOMS_HS_FORMAT: N_("{field} : « {actual} » : le code SH a {limit} chiffres"),
    R.CUSTOMS_HS_UNKNOWN: N_("{field} : {actual} n'est pas une sous-position du SH 2022"),
    R.CUSTOMS_HS_REQUIRED: N_("{field} : code SH obligatoire pour un envoi commercial"),
    R.CUSTOMS_ORIGIN_REQUIRED: N_("{field} : pays d'origine obligatoire pour un envoi commercial"),
    R.CUSTOMS_NET_OVER_GROSS: N_("{field} : poids nets {actual} g > poids brut {limit} g"),
    R.CUSTOMS_INVOICE_REQUIRED: N_("{field} : n° de facture obligatoire pour une vente"),
    R.CUSTOMS_EORI_REQUIRED: N_("{field} : valeur {actual} > {limit} : le n° EORI de "
                                "l'expéditeur est obligatoire"),
    R.CUSTOMS_EORI_FORMAT: N_("{field} : « {actual} » n'est pas un n° EORI (ex. "
                              "FR12345678900013)"),
    R.REPRINT_ERASED: N_("{field} {actual} : réimpression impossible, ses documents ont été "
                         "effacés à la demande du destinataire (RGPD art. 17)"),
}

# Field labels: the last part of a path, as the screens caption the widget (desktop/ui).
FIELD_LABELS: dict[str, str] = {
    # the weighing audit and the work list
    "reason": N_("Motif de la saisie"),
    "draft": N_("Commande"),
    # addresses (address form)
    "name": N_("Nom"), "company": N_("Société"),
    "complement": N_("Complément"), "building": N_("Bâtiment"),
    "street": N_("N° et voie"),
    "locality": N_("Lieu-dit / BP"),
    "postcode": N_("Code postal"), "city": N_("Ville"),
    "country": N_("Pays"), "state": N_("État / province"),
    "phone": N_("Téléphone"),
    "email": N_("E-mail"), "lines": N_("Adresse"),
    # parcel (weight panel)
    "weight_g": N_("Poids"), "length_mm": N_("Longueur"),
    "width_mm": N_("Largeur"), "height_mm": N_("Hauteur"),
    "chargeable_weight_g": N_("Poids taxé"),
    "sum_of_sides_mm": N_("Somme des côtés"),
    "length_plus_2_diameters_mm": N_("Longueur + 2 diamètres"),
    # shipment (counter)
    "service": N_("Service"), "reference": N_("Référence"),
    "sender": N_("Expéditeur"), "recipient": N_("Destinataire"),
    "parcel": N_("Colis"), "tracking_number": N_("N° de suivi"),
    "label": N_("Étiquette"), "status": N_("Statut"),
    "shipments": N_("Expéditions"),
    "contents_confirmed": N_("Contenu vérifié"),
    "contents_flags": N_("Contenu"),
    "options": N_("Options"), "version": N_("Version du fichier"),
    "file": N_("Fichier"), "database": N_("Base de données"),
    "carrier": N_("Transporteur"),
    "shipment": N_("Expédition"),
    # options (options panel)
    "registered": N_("Recommandé"),
    "insurance_eur": N_("Assurance (€)"),
    "cod_eur": N_("Contre-remboursement (€)"),
    "advice_of_delivery": N_("Avis de réception"),
    "undeliverable": N_("Si non distribuable"),
    "declared_value_eur": N_("Valeur déclarée (€)"),
    "novapost_variant": N_("Variante de livraison"),
    "division_id": N_("N° d'agence / consigne"),
    "locker_country": N_("Pays de la consigne"),
    "payer": N_("Payeur"), "payment_method": N_("Paiement"),
    "pieces": N_("Nombre de colis"), "sms": N_("SMS"),
    "packaging": N_("Emballage Nova Post"),
    "adult_only": N_("Réservé aux adultes"),
    "bundle": N_("Lot filmé / cerclé"),
    "bundle_textiles": N_("Lot de textiles uniquement"),
    "bundle_layers": N_("Couches de film"), "shape": N_("Forme"),
    "non_mechanisable": N_("Non mécanisable"),
    "vignettes_applied": N_("Vignettes collées"),
    # customs (customs editor and its lines)
    "customs": N_("Déclaration en douane"),
    "category": N_("Catégorie"), "explanation": N_("Explication"),
    "comments": N_("Observations"),
    "invoice_number": N_("N° de facture"),
    "licence_number": N_("N° de licence"),
    "certificate_number": N_("N° de certificat"),
    "postal_charges": N_("Frais de port"),
    "sender_customs_reference": N_("N° EORI de l'expéditeur"),
    "items": N_("Lignes de contenu"),
    "description": N_("Description précise"),
    "quantity": N_("Quantité"), "net_weight_g": N_("Poids net"),
    "value": N_("Valeur"), "currency": N_("Devise"),
    "hs_code": N_("Code SH"), "origin": N_("Pays d'origine"),
    # products (product editor, CSV import)
    "sku": N_("SKU"), "ean": N_("EAN"),
    "description_fr": N_("Description (FR)"),
    "description_en": N_("Description (EN)"),
    "unit_net_weight_g": N_("Poids net unitaire (g)"),
    "unit_value": N_("Valeur unitaire"),
    # number ranges (number ranges dialog)
    "prefix": N_("Préfixe"), "first": N_("Premier numéro"),
    "last": N_("Dernier numéro"), "next_serial": N_("Prochain"),
    "low_water": N_("Alerte sous"),
    # settings (settings dialog); "settings.<key>" reads as the key's label alone
    "database_url": N_("Base de données (URL)"),
    "printer_url": N_("Imprimante (URL)"),
    "printer_profile": N_("Modèle d'imprimante"),
    "forms_printer_url": N_("Imprimante des formulaires (URL)"),
    "label_format": N_("Format d'étiquette"),
    "scale_url": N_("Balance (URL)"),
    "language": N_("Langue"),
    "device_url": N_("Adresse de l'appareil (URL)"),
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


def _pick(text: Text | str, lang: str) -> str:
    """A `Text` pair's side, or a marked French msgid (`N_`) through the gettext catalogue."""
    if isinstance(text, str):
        return translations.gettext(text, lang)
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
TYPE_WORDS: dict[str, str] = {
    "integer": N_("nombre entier"), "string": N_("texte"),
    "decimal string": N_("montant entre guillemets (ex. \"12.50\")"),
    "decimal number": N_("nombre à virgule"),
    "true/false": N_("vrai/faux"), "object": N_("objet { }"),
    "list": N_("liste [ ]"), "null": N_("vide (null)"),
    "list of strings": N_("liste de textes"),
    "list of category ids": N_("liste de catégories"),
    "text": N_("texte"),
    "lines or slots": N_("soit « lines », soit street/complement/building/locality"),
    "both": N_("les deux"),
    # Python's own type names, as `type(value).__name__` gives them
    "str": N_("texte"), "int": N_("nombre entier"),
    "float": N_("nombre à virgule"), "bool": N_("vrai/faux"),
    "dict": N_("objet { }"), "NoneType": N_("vide (null)"),
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
    Rule.DATABASE_LOCKED: (None, _N), Rule.PRINTER_SILENT: (None, _N),
    Rule.RANGE_LOW: (_N, _N),
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


def rule_text(rule: Rule, lang: str = "fr", n: int = 2) -> str:
    """The rule's template in `lang` (from the gettext catalogue; French is the msgid); a
    plural pair is chosen by `n`, the count the message quotes."""
    text = MESSAGES[rule]
    if isinstance(text, tuple):
        return translations.ngettext(*text, n, lang)
    return translations.gettext(text, lang)


def render(rule: Rule | str, field: str, limit: object = None, actual: object = None,
           source: str = "", lang: str = "fr", *, label: str | None = None) -> str:
    """The sentence for one violation; `label` overrides the field's label."""
    rule = Rule(rule)
    count = actual if isinstance(actual, int) and not isinstance(actual, bool) else 2
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
    out = rule_text(rule, lang, count).format(field=name, limit=limit, actual=actual)
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
_STANDARD_NAMES: tuple[tuple[str, str], ...] = (
    ("La Poste contract conditions", N_("conditions du contrat La Poste")),
    ("contract default", N_("valeur par défaut du contrat")),
    ("UPU Letter Post Regulations", N_("Règlement de la poste aux lettres de l'UPU")),
    ("VAT Directive", N_("directive TVA 2006/112, art. 6")),
    ("Regulation", N_("règlement (UE) 952/2013, art. 4")),
    ("La Poste / Colissimo help pages", N_("pages d'aide La Poste / Colissimo")),
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
