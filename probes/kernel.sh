# kernel probe: `uname -r` and `uname -v`, one sub-section each (src/facets/kernel/parse.ts).
sec uname-s
uname -s 2>/dev/null
sec uname-r
uname -r 2>/dev/null
sec uname-v
uname -v 2>/dev/null
exit 0
