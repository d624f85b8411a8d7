#!/usr/bin/env python3
"""Refreshes templates/api/examples/*.json, the responses the /api page shows, from a running
server: every list in a response is cut to its first two items. The contract tests check that
each example still validates against /api/openapi.json and that its request still answers 200.

    python3 tests/api/refresh-examples.py http://127.0.0.1:8080
"""
import json
import re
import sys
import urllib.request
from pathlib import Path

root = Path(__file__).resolve().parents[2]
base = sys.argv[1].rstrip("/")
docs = (root / "src/web/api/docs.rs").read_text()


def cut(value):
    if isinstance(value, list):
        return [cut(v) for v in value[:2]]
    if isinstance(value, dict):
        return {k: cut(v) for k, v in value.items()}
    return value


for match in re.finditer(r'example!\(\s*"(\w+)",\s*"([^"]+)"(?:,\s*r#"(.*?)"#)?\s*,?\s*\)', docs, re.S):
    name, path, body = match.group(1), match.group(2), match.group(3)
    request = urllib.request.Request(base + path)
    if body is not None:
        request = urllib.request.Request(
            base + path, data=body.encode(), headers={"Content-Type": "application/json"}
        )
    with urllib.request.urlopen(request) as response:
        data = json.load(response)
    out = root / "templates/api/examples" / f"{name}.json"
    out.write_text(json.dumps(cut(data), indent=2, ensure_ascii=False) + "\n")
    print(out.relative_to(root))
