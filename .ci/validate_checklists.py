#!/usr/bin/env python3
"""Validates every file in checklists/ against its JSON Schema in schemas/, independently of the Swift code.

Every error of every file is reported (file, line, field path, what was found, what was expected); the exit
status is 1 when any file has an error. Usage: python3 .ci/validate_checklists.py [FILE...]
"""
import json
import pathlib
import sys

import jsonschema
import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCHEMAS = {
    "checklist": "checklist.schema.json",
    "dimensions": "dimensions.schema.json",
    "gradingBands": "grading-bands.schema.json",
    "creditRules": "credit-rules.schema.json",
    "listRules": "list-rules.schema.json",
    "benchmarkRules": "benchmark-rules.schema.json",
    "escalationRules": "escalation-rules.schema.json",
    "appointmentRules": "appointment-rules.schema.json",
}


class LineLoader(yaml.SafeLoader):
    """Keeps the line of every mapping and sequence item, so errors can name it."""


def _construct_mapping(loader, node, deep=False):
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=deep)
    mapping["__lines__"] = {key.value: key.start_mark.line + 1 for key, _ in node.value}
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def strip(value):
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if k not in ("__lines__", "__line__")}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value


def line_of(document, path):
    """The line of the deepest node on the path that carries one."""
    node, line = document, 1
    for part in path:
        if isinstance(node, dict):
            line = node.get("__lines__", {}).get(part, node.get("__line__", line))
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
            if isinstance(node, dict):
                line = node.get("__line__", line)
        else:
            break
    return line


def field(path):
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "(document)"


def found_text(value):
    if isinstance(value, list):
        return f"a list of {len(value)} items"
    if isinstance(value, dict):
        return "an entry with " + ", ".join(sorted(str(k) for k in value)) if value else "an empty entry"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def expected_text(error):
    """What the schema wanted, in plain words."""
    v, value = error.validator, error.validator_value
    if v == "minItems":
        return f"expected at least {value} items"
    if v == "enum":
        return "expected one of " + ", ".join(json.dumps(x, ensure_ascii=False) for x in value)
    if v == "const":
        return f"expected {json.dumps(value, ensure_ascii=False)}"
    if v == "contains":
        dimension = value.get("properties", {}).get("dimension", {}).get("const")
        return f"expected at least one risk point of dimension {dimension!r}" if dimension else error.message
    if v == "pattern":
        return f"expected text matching {value}"
    if v == "minLength":
        return f"expected at least {value} characters"
    if v == "type":
        return f"expected {value}"
    if v == "oneOf" and error.context:
        branches = {}
        for sub in error.context:
            branches.setdefault(sub.schema_path[0], []).append(sub)
        closest = min(branches.values(), key=len)
        return "; ".join(f"{field(list(sub.path)) or 'value'}: {expected_text(sub)}" for sub in closest)
    if v == "additionalProperties":
        return error.message.replace("Additional properties are not allowed", "unknown field") + f"; allowed: {', '.join(sorted(error.schema.get('properties', {})))}"
    return error.message


def validate(path, dimension_codes):
    errors = []
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=LineLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return [f"{path}:{mark.line + 1 if mark else 1}: not valid YAML: {error}"]
    if not isinstance(document, dict) or strip(document).get("kind") not in SCHEMAS:
        return [f"{path}:1: kind: found {strip(document).get('kind') if isinstance(document, dict) else type(document).__name__!r}, expected one of {sorted(SCHEMAS)}"]
    plain = strip(document)
    schema = json.loads((ROOT / "schemas" / SCHEMAS[plain["kind"]]).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for error in sorted(validator.iter_errors(plain), key=lambda e: list(map(str, e.absolute_path))):
        where = list(error.absolute_path)
        if error.validator == "required":
            errors.append(f"{path}:{line_of(document, where)}: {field(where)}: {error.message.replace(' is a required property', ' is missing')}")
            continue
        errors.append(f"{path}:{line_of(document, where)}: {field(where)}: found {found_text(error.instance)}; {expected_text(error)}")
    if plain["kind"] == "checklist" and isinstance(plain.get("riskPoints"), list):
        seen = {}
        cited = {s.get("code") for s in plain.get("standards", []) if isinstance(s, dict)}
        for index, point in enumerate(plain["riskPoints"]):
            if not isinstance(point, dict):
                continue
            code = point.get("code")
            if code in seen:
                errors.append(f"{path}:{line_of(document, ['riskPoints', index, 'code'])}: riskPoints[{index}].code: found {code!r}; already used by riskPoints[{seen[code]}]")
            seen.setdefault(code, index)
            if dimension_codes and point.get("dimension") not in dimension_codes:
                errors.append(f"{path}:{line_of(document, ['riskPoints', index, 'dimension'])}: riskPoints[{index}].dimension: found {point.get('dimension')!r}; expected one of {sorted(dimension_codes)} (checklists/dimensions.yaml)")
            if "standard" in point and point["standard"] not in cited:
                errors.append(f"{path}:{line_of(document, ['riskPoints', index, 'standard'])}: riskPoints[{index}].standard: found {point['standard']!r}; expected a code listed under standards")
    return errors


def main(arguments):
    files = [pathlib.Path(a) for a in arguments] or sorted((ROOT / "checklists").glob("*.yaml"))
    dimensions_file = ROOT / "checklists" / "dimensions.yaml"
    codes = set()
    if dimensions_file.exists():
        codes = {d["code"] for d in strip(yaml.load(dimensions_file.read_text(encoding="utf-8"), Loader=LineLoader)).get("dimensions", [])}
    errors = []
    for path in files:
        errors += validate(path, codes)
    for error in errors:
        print(error)
    print(f"{len(files)} files checked, {len(errors)} errors", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
