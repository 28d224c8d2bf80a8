# Reads requirements files with pip's own parser (pip/_internal/req/req_file.py), as
# `pip install -r FILE` does, and prints what pip sees: for each file, each logical line's
# requirement text and the options it sets. Used by test/hostile/*.test.ts, one run for many files.
import json
import sys

from pip._internal.network.session import PipSession
from pip._internal.models.format_control import FormatControl
from pip._internal.req.req_file import RequirementsFileParser, get_line_parser

parser = RequirementsFileParser(PipSession(), get_line_parser(None))
out = []
for path in sys.argv[1:]:
    lines = []
    for line in parser.parse(path, constraint=False):
        opts = {k: v for k, v in vars(line.opts).items() if v not in (None, [], False) and not (k == 'format_control' and v == FormatControl())}
        lines.append({"requirement": line.requirement if line.is_requirement else None, "opts": opts})
    out.append(lines)
json.dump(out, sys.stdout, default=repr)
