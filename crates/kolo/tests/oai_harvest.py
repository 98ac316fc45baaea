"""Harvests an OAI-PMH repository with Sickle, the harvester aggregators use, following
resumption tokens: `oai_harvest.py BASE_URL PREFIX [FROM [UNTIL]]` prints one line per record,
`identifier datestamp` and ` deleted` for a deleted one; nothing for noRecordsMatch."""

import sys

from sickle import Sickle
from sickle.oaiexceptions import NoRecordsMatch

base, prefix, *bounds = sys.argv[1:]
args = {"metadataPrefix": prefix}
args.update(zip(["from", "until"], bounds))
try:
    for record in Sickle(base, max_retries=0).ListRecords(**args):
        header = record.header
        if not header.deleted and not getattr(record, "metadata", None):
            sys.exit(f"{header.identifier}: no metadata")
        print(header.identifier, header.datestamp, "deleted" if header.deleted else "")
except NoRecordsMatch:
    pass
