"""ZPL → PNG through an outside, offline renderer (tools/zpl-render: zpl-renderer-js, the
WebAssembly build of ingridhq/zebrash). Installed by `scripts/test` when npm is present
(`npm ci --prefix tools/zpl-render`); tests that need it skip, saying so, when it is not,
except in CI (`COMPTOIR_REQUIRE_ZPL_RENDERER=1`, set by .ci/run and by scripts/test under
CI=true): there they run and fail, so the outside rendering is never silently left out."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from PIL import Image

TOOL = Path(__file__).resolve().parents[1] / "tools" / "zpl-render"
MISSING = ("the offline ZPL renderer is not installed: "
           "npm ci --prefix tools/zpl-render (needs node and npm)")


def required() -> bool:
    return os.environ.get("COMPTOIR_REQUIRE_ZPL_RENDERER") == "1" or \
        os.environ.get("CI") == "true"


def skip_unless_available() -> bool:
    """The skipif condition: missing and not required (CI runs the test, and it fails)."""
    return not available() and not required()


def available() -> bool:
    return shutil.which("node") is not None and \
        (TOOL / "node_modules" / "zpl-renderer-js").is_dir()


def render(zpls: list[bytes], width_mm: float, height_mm: float, dpmm: int,
           folder: Path) -> list[Image.Image]:
    """One image per ZPL document, in one node process (it loads an 8 MB WebAssembly)."""
    if not available():
        raise AssertionError(MISSING)
    args = []
    for i, zpl in enumerate(zpls):
        src, out = folder / f"label-{i}.zpl", folder / f"label-{i}.png"
        src.write_bytes(zpl)
        args += [str(src), str(out)]
    subprocess.run(["node", str(TOOL / "render.cjs"), f"{width_mm:g}", f"{height_mm:g}",
                    str(dpmm), *args], check=True, timeout=300, capture_output=True)
    return [Image.open(args[i + 1]).convert("L") for i in range(0, len(args), 2)]
