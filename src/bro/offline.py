"""The offline copy: the whole site (both languages, data, feeds) in one zip to unpack and open from disk."""
from __future__ import annotations

import zipfile
from pathlib import Path

TOP = "bro"  # the zip's one top folder; bro/index.html is the bilingual landing page


def pack(site: Path, out: Path) -> int:
    """Write every file of site under bro/ in out (sorted, so the order is stable); return the number of files."""
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".zip.partial")
    files = sorted(p for p in site.rglob("*") if p.is_file())
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in files:
            archive.write(path, Path(TOP) / path.relative_to(site))
    partial.replace(out)
    return len(files)
