"""Repositories implementing the ports of `desktop.domain.ports` over SQLAlchemy."""

from desktop.storage.repositories.contacts import SqlAddressBook, SqlSenderProfiles
from desktop.storage.repositories.print_jobs import SqlPrintJobs
from desktop.storage.repositories.products import SqlProducts
from desktop.storage.repositories.shipments import SqlShipments
from desktop.storage.repositories.tracking import SqlTrackingRanges
from desktop.storage.repositories.unit import UnitOfWork

__all__ = ["SqlAddressBook", "SqlSenderProfiles", "SqlPrintJobs", "SqlProducts",
           "SqlShipments", "SqlTrackingRanges", "UnitOfWork"]
