#!/usr/bin/env python3
"""Validates JSON printed by `dualprev ... --format json` against one of the schemas in schemas/.

Independent of the Swift code: reads the JSON from standard input, validates it with Python `jsonschema`
(draft 2020-12), resolving `$ref`s to the sibling *.schema.json files by their `$id`, and prints every error
(JSON path, what was found, what the schema wanted). Formats are asserted (`date-time` in particular).

Usage:
  dualprev risk list --as 林晓燕 --format json | python3 .ci/validate_json.py schemas/risk-point.schema.json --each
  dualprev risk show 1 --as 林晓燕 --format json | python3 .ci/validate_json.py schemas/risk-point-detail.schema.json

--each: the input is an array and each element is validated against the schema (the array itself must be an array).
Exit status: 0 valid, 1 invalid, 2 usage error or input that is not JSON.
"""
import argparse
import datetime
import json
import pathlib
import re
import sys

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


def load_registry(folder):
    """Every *.schema.json of the folder, by its $id."""
    resources = []
    for path in sorted(folder.glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        if "$id" in contents:
            resources.append((contents["$id"], Resource.from_contents(contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


def format_checker():
    """The draft 2020-12 checker, with date-time checked here so it never depends on an optional package."""
    checker = jsonschema.FormatChecker()

    @checker.checks("date-time", raises=ValueError)
    def is_date_time(value):
        if not isinstance(value, str):
            return True
        if not RFC3339.match(value):
            return False
        datetime.datetime.fromisoformat(value.replace("z", "Z").replace("t", "T").replace("Z", "+00:00"))
        return True

    return checker


def where(prefix, path):
    out = prefix
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def found(value):
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 80 else text[:77] + "..."


def errors_of(validator, instance, prefix):
    """Every error, the deepest ones of a oneOf/anyOf too, so a bad branch is named."""
    for error in sorted(validator.iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path]):
        yield f"{where(prefix, error.absolute_path)}: {error.message} (schema {'/'.join(map(str, error.schema_path))})"
        if error.context and error.validator in ("oneOf", "anyOf"):
            for sub in error.context:
                yield f"    {where(prefix, list(error.absolute_path) + list(sub.path))}: {sub.message}"


def main(arguments):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("schema", help="schema file, e.g. schemas/hazard.schema.json")
    parser.add_argument("--each", action="store_true", help="the input is an array; validate each element")
    parser.add_argument("--label", default="", help="name of the input in the messages (e.g. the command)")
    options = parser.parse_args(arguments)

    schema_path = pathlib.Path(options.schema)
    try:
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"{schema_path}: cannot read the schema: {error}")
        return 2
    jsonschema.Draft202012Validator.check_schema(schema)
    registry = load_registry(schema_path.resolve().parent)
    validator = jsonschema.Draft202012Validator(schema, registry=registry, format_checker=format_checker())

    text = sys.stdin.read()
    label = options.label or "input"
    try:
        instance = json.loads(text)
    except ValueError as error:
        print(f"{label}: not JSON ({error}): {text[:200]!r}")
        return 2

    errors = []
    if options.each:
        if not isinstance(instance, list):
            errors.append(f"{label}: expected an array, found {found(instance)}")
        else:
            for index, element in enumerate(instance):
                errors += errors_of(validator, element, f"{label}[{index}]")
    else:
        errors += errors_of(validator, instance, label)

    for error in errors:
        print(error)
    count = len(instance) if options.each and isinstance(instance, list) else 1
    print(f"{schema_path.name}: {count} {'element' if count == 1 else 'elements'} checked, {len(errors)} errors", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
