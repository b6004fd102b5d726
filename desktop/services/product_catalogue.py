"""The product catalogue as the screens use it: search, save, delete, CSV in and out.

The UI calls these operations (on the task runner), never the `Products` repository: the
checks live in `desktop.services.products` and `desktop.services.catalogue_io`.
"""

from __future__ import annotations

from desktop.domain.customs import Product
from desktop.domain.ports import Products
from desktop.services import catalogue_io
from desktop.services.changes import Changes


class ProductCatalogue:
    def __init__(self, products: Products):
        self._products = products

    @property
    def port(self) -> Products:
        """For the customs helpers that look products up (`customs_forms.add_product`)."""
        return self._products

    def search(self, text: str = "", limit: int = 50) -> list[Product]:
        return self._products.search(text, limit)

    def get(self, product_id: int) -> Product:
        return self._products.get(product_id)

    def find_code(self, code: str) -> Product | None:
        return self._products.find_code(code)

    def save(self, product: Product) -> tuple[Product, Changes]:
        """Stores a product already checked by `services.products.check_product`."""
        stored = self._products.update(product) if product.id else self._products.add(product)
        return stored, Changes(products=True)

    def delete(self, product_id: int) -> Changes:
        self._products.delete(product_id)
        return Changes(products=True)

    def import_csv(self, text: str) -> catalogue_io.ImportReport:
        return catalogue_io.import_csv(text, self._products)

    def import_file(self, path) -> catalogue_io.ImportReport:
        """A CSV file as Excel or a text editor saves it (encoding and size checked)."""
        return catalogue_io.import_file(path, self._products)

    def export_csv(self) -> str:
        return catalogue_io.export_all(self._products)
