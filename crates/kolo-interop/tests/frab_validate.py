"""Validates frab schedules written by Kolo with tools Kolo did not write.

usage: frab_validate.py SCHEMA FILE...

SCHEMA ending in .xsd: each FILE is checked with xmlschema; otherwise SCHEMA is a JSON Schema and
each FILE is checked with jsonschema, every format it knows asserted (uri, date-time, date, uuid,
color). Exit 0: all valid; 1: errors, listed on stdout; 3: a validator or format checker is not
installed (tests/python-requirements.txt has them).
"""

import json
import sys

MISSING = 3
FORMATS = {"uri", "date-time", "date", "uuid", "color"}


def main(schema_path, files):
    try:
        if schema_path.endswith(".xsd"):
            import xmlschema

            schema = xmlschema.XMLSchema(schema_path)

            def errors(path):
                return [f"{e.path}: {e.reason}" for e in schema.iter_errors(path)]

        else:
            import jsonschema

            checker = jsonschema.FormatChecker()
            missing = FORMATS - set(checker.checkers)
            if missing:
                print("jsonschema cannot check the formats " + ", ".join(sorted(missing)))
                return MISSING
            with open(schema_path, encoding="utf-8") as f:
                schema_doc = json.load(f)
            cls = jsonschema.validators.validator_for(schema_doc)
            cls.check_schema(schema_doc)
            validator = cls(schema_doc, format_checker=checker)

            def errors(path):
                with open(path, encoding="utf-8") as f:
                    doc = json.load(f)
                return [
                    f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                    for e in validator.iter_errors(doc)
                ]

    except ImportError as e:
        print(e)
        return MISSING
    failed = False
    for path in files:
        found = errors(path)
        for error in found[:20]:
            print(f"{path}: {error}")
        failed = failed or bool(found)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
