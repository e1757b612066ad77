"""The documentation's promises the site build cannot check: the published JSON Schemas are the models' own
(regenerated and compared), and the README, the front door, stays short and links only to pages that exist."""

import importlib.util
import json
import re

from tests.helpers import ROOT


def schemas_script():
    spec = importlib.util.spec_from_file_location("schemas", ROOT / "scripts" / "schemas.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_published_json_schemas_are_the_models_own():
    """scripts/schemas.py regenerates them; a model changed without it fails here."""
    script = schemas_script()
    assert set(script.SCHEMAS) == {"manifest.schema.json", "batch-file.schema.json"}
    for name, make in script.SCHEMAS.items():
        published = (ROOT / "docs" / "reference" / name).read_text(encoding="utf-8")
        assert published == script.text(make()), f"docs/reference/{name} is stale: run python scripts/schemas.py"


def test_the_manifest_schema_names_every_section_field_and_keeps_no_internal_one():
    schema = json.loads((ROOT / "docs" / "reference" / "manifest.schema.json").read_text(encoding="utf-8"))
    entry = schema["$defs"]["SectionEntry"]["properties"]
    assert {"slug", "file", "poster", "captions", "transcripts", "content_key", "rendered_at"} <= set(entry)
    assert not any(name.startswith("_") or name == "extra" for name in entry)


def test_the_readme_is_the_front_door_short_and_linked_into_the_docs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 400
    for command in ("make render", "make test", "render.py analyze", '"kind": "min"', "torch.optim"):
        assert command in readme
    links = re.findall(r"\]\((docs/[^)#]+)", readme)
    assert len(links) >= 15
    missing = [link for link in links if not (ROOT / link).is_file()]
    assert not missing, missing
    site = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert all(link.removeprefix("docs/") in site for link in links), "a page the README links to is out of nav"
