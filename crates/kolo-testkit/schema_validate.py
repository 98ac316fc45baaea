"""Validates what Kolo wrote with tools Kolo did not write.

usage: schema_validate.py SCHEMA [--import XSD]... FILE...

SCHEMA ending in .xsd: each FILE is checked with xmlschema, with every --import XSD loaded for its
target namespace (an OAI-PMH response carries LIDO or oai_dc records that its schema checks
strictly); only local files are read, never the network. Otherwise SCHEMA is a JSON Schema and
each FILE is checked with jsonschema, every format it knows asserted (uri, date-time, date, uuid,
color). Exit 0: all valid; 1: errors, listed on stdout; 3: a validator or format checker is not
installed (tests/python-requirements.txt has them).
"""

import json
import sys

MISSING = 3
FORMATS = {"uri", "date-time", "date", "uuid", "color"}


def main(schema_path, imports, files):
    try:
        if schema_path.endswith(".xsd"):
            import xml.etree.ElementTree as ET

            import xmlschema

            locations = [(ET.parse(path).getroot().get("targetNamespace"), path) for path in imports]
            # xmlschema refuses one restriction in GML 3.1.1 (which both LIDO schemas import for
            # coordinates) that the OGC's and other validators accept; built in lax mode, the
            # schemas still check documents strictly (a misplaced element is still an error).
            schema = xmlschema.XMLSchema(schema_path, locations=locations, allow="local", validation="lax")

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


def parse_args(args):
    schema, imports, files = args[0], [], []
    rest = iter(args[1:])
    for arg in rest:
        if arg == "--import":
            imports.append(next(rest))
        else:
            files.append(arg)
    return schema, imports, files


if __name__ == "__main__":
    sys.exit(main(*parse_args(sys.argv[1:])))
