"""Shared by Bro's hooks (not a hook itself): adding a generated page to MkDocs' files."""
from __future__ import annotations

import yaml
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel


def add_page(files: Files, config: MkDocsConfig, src_uri: str, title: str, inclusion: InclusionLevel,
             **meta) -> None:
    """Add one generated Markdown file whose front matter carries the (escaped) title and any meta."""
    front = yaml.safe_dump({"title": str(escape(title)), **meta}, allow_unicode=True)
    file = File.generated(config, src_uri, content=f"---\n{front}---\n", inclusion=inclusion)
    if src_uri in files.src_uris:
        files.remove(files.get_file_from_path(src_uri))
    files.append(file)
