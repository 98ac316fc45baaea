"""Harvests an OAI-PMH repository with Sickle, the harvester aggregators use, following
resumption tokens: `oai_harvest.py BASE_URL PREFIX [FROM [UNTIL]]` prints one line per record,
`identifier datestamp root`, where root is the metadata's element as `{namespace}name`, or
`deleted` for a deleted record; nothing for noRecordsMatch."""

import sys

from sickle import Sickle
from sickle.oaiexceptions import NoRecordsMatch

OAI = "{http://www.openarchives.org/OAI/2.0/}"

base, prefix, *bounds = sys.argv[1:]
args = {"metadataPrefix": prefix}
args.update(zip(["from", "until"], bounds))
try:
    for record in Sickle(base, max_retries=0).ListRecords(**args):
        header = record.header
        if header.deleted:
            root = "deleted"
        else:
            metadata = record.xml.find(OAI + "metadata")
            if metadata is None or len(metadata) != 1:
                sys.exit(f"{header.identifier}: not one metadata element")
            root = metadata[0].tag
        print(header.identifier, header.datestamp, root)
except NoRecordsMatch:
    pass
