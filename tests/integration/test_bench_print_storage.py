"""The storage benchmark runs (issue 9 §7): real shipments to a fake printer on 127.0.0.1,
two days deposited and purged; every job of both days is purged and the figures are there.
The figures themselves are the benchmark's business (python -m bench.print_storage)."""

from __future__ import annotations

from bench.print_storage import ship


def test_the_storage_benchmark_ships_deposits_and_purges(comptoir_home):
    row = ship("customs", 4, 2)
    assert row["documents"] == ["label", "cn22-label", "invoice"]
    assert row["jobs_purged"] == 2 * 4 * 3
    assert row["bytes_sent_per_shipment"] >= row["raw_job_bytes_per_shipment"] > 0
    assert row["reprint_window_per_shipment"] > 0
    assert {"steady_file_growth_per_shipment", "steady_pages_growth_per_shipment",
            "time_ratio", "storage_ratio_to_raw"} <= set(row)
