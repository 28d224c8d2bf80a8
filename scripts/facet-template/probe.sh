# __ID__ probe: where `__ID__` is and the first line of `__ID__ --version` (src/facets/__ID__/parse.ts).
# The template runs `__ID__ --version`, bounded to 5 s: edit it if __ID__ is not a program that
# prints its version that way.
if have __ID__; then
  sec path
  command -v __ID__
  sec version
  bounded 5 __ID__ --version 2>&1 | head -n 1
else
  sec absent
fi
exit 0
