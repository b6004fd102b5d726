"""Product catalogue (port `Products`): the source of customs lines; unit values exact."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, or_, select

from desktop.domain.customs import Product
from desktop.domain.errors import NotFound, ValidationFailed, Violation
from desktop.storage import mapping
from desktop.storage.repositories.helpers import get_or_raise, words_filter
from desktop.storage.repositories.unit import UnitOfWork
from desktop.storage.tables import ProductRow


class SqlProducts:
    def __init__(self, uow: UnitOfWork):
        self._uow = uow

    def search(self, text: str = "", limit: int = 50) -> list[Product]:
        stmt = (select(ProductRow).where(words_filter(ProductRow.search_key, text))
                .order_by(ProductRow.sku).limit(max(0, limit)))
        with self._uow.read() as s:
            return [mapping.product_from(r) for r in s.scalars(stmt)]

    def get(self, product_id: int) -> Product:
        with self._uow.read() as s:
            return mapping.product_from(get_or_raise(s, ProductRow, product_id, "product"))

    def find_code(self, code: str) -> Product | None:
        """Exact SKU or EAN as a scanner reads it; a SKU wins over another product's EAN."""
        code = (code or "").strip()
        if not code:
            return None
        stmt = (select(ProductRow).where(or_(ProductRow.sku == code, ProductRow.ean == code))
                .order_by((ProductRow.sku == code).desc(), ProductRow.id))
        with self._uow.read() as s:
            row = s.scalars(stmt).first()
            return mapping.product_from(row) if row is not None else None

    def add(self, product: Product) -> Product:
        values = mapping.product_values(product)
        with self._uow.write() as s:
            self._check_sku(s, values["sku"])
            now = self._uow.stamp()
            row = ProductRow(created_at=now, updated_at=now)
            mapping.apply(row, values)
            s.add(row)
            s.flush()
            return mapping.product_from(row)

    def update(self, product: Product) -> Product:
        values = mapping.product_values(product)
        with self._uow.write() as s:
            row = get_or_raise(s, ProductRow, product.id, "product")
            self._check_sku(s, values["sku"], own_id=row.id)
            mapping.apply(row, values)
            row.updated_at = self._uow.stamp()
            s.flush()
            return mapping.product_from(row)

    def upsert_many(self, products: Iterable[Product]) -> int:
        """Inserts or updates by SKU, all in one transaction: a bad row leaves nothing."""
        count = 0
        with self._uow.write() as s:
            now = self._uow.stamp()
            rows = {r.sku: r for r in s.scalars(select(ProductRow))}
            for index, product in enumerate(products):
                values = mapping.product_values(product)
                if not values["sku"]:
                    raise ValidationFailed([Violation(f"products[{index}].sku", "required")])
                row = rows.get(values["sku"])
                if row is None:
                    row = rows[values["sku"]] = ProductRow(created_at=now)
                    s.add(row)
                mapping.apply(row, values)
                row.updated_at = now
                count += 1
            s.flush()
        return count

    def delete(self, product_id: int) -> None:
        with self._uow.write() as s:
            if s.execute(delete(ProductRow).where(ProductRow.id == product_id)).rowcount != 1:
                raise NotFound("product", product_id)

    @staticmethod
    def _check_sku(s, sku: str, own_id: int | None = None) -> None:
        if not sku:
            raise ValidationFailed([Violation("sku", "required")])
        other = s.scalar(select(ProductRow.id).where(ProductRow.sku == sku))
        if other is not None and other != own_id:
            raise ValidationFailed([Violation("sku", "duplicate", actual=sku)])
