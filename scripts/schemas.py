#!/usr/bin/env python3
"""Write the JSON Schemas the docs publish, generated from the models that read and write the files:
docs/reference/manifest.schema.json and docs/reference/batch-file.schema.json (a test keeps them current)."""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.batch.file import json_schema as batch_file_schema  # noqa: E402
from pipeline.manifest import json_schema as manifest_schema  # noqa: E402

SCHEMAS = {"manifest.schema.json": manifest_schema, "batch-file.schema.json": batch_file_schema}


def text(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    for name, make in SCHEMAS.items():
        (ROOT / "docs" / "reference" / name).write_text(text(make()), encoding="utf-8")
        print(f"docs/reference/{name}")
