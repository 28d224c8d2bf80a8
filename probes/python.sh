# python probe: ONE interpreter start. The snippet reads distribution metadata files itself
# (no pip, no pkg_resources: slow to import and maybe absent) and must run on Python 2.7 and
# every 3.x a user may have, so it sticks to os/sys/io/json/re/sysconfig.
# Output: `### interpreter` (the command used), `### startup` (whatever the interpreter printed
# before the snippet ran: a sitecustomize or .pth file that prints), then `### json` (one JSON
# line, marker written by the snippet itself so that startup noise cannot corrupt it); or
# `### absent`, or `### missing` (an --python PATH that does not run: the path, then why).
if [ -n "${ENVDIFF_PYTHON:-}" ]; then
  py=$ENVDIFF_PYTHON
  if [ -d "$py" ]; then
    sec missing
    printf '%s\nis a directory, not an interpreter\n' "$py"
    exit 0
  fi
  if ! command -v "$py" >/dev/null 2>&1; then
    sec missing
    printf '%s\nnot found\n' "$py"
    exit 0
  fi
  case $py in
    */*) if [ ! -x "$py" ]; then
        sec missing
        printf '%s\nis not executable\n' "$py"
        exit 0
      fi ;;
  esac
elif have python3; then
  py=python3
elif have python; then
  py=python
else
  sec absent
  exit 0
fi
# A pyenv shim is a bash script that runs `pyenv exec`: ~60 ms before Python even starts, more
# than the snippet itself. Resolve it the way pyenv does — $PYENV_VERSION, else the nearest
# .python-version from $PWD up, else $PYENV_ROOT/version — and fall back to the shim when the
# answer is "system" or not an installed version, so the result is always the shim's interpreter.
pyenv_real() {
  _s=$(command -v "$1" 2>/dev/null) || return 1
  case "$_s" in */shims/*) ;; *) return 1 ;; esac
  _root=${PYENV_ROOT:-${_s%/shims/*}}
  _v=${PYENV_VERSION:-}
  if [ -z "$_v" ]; then
    _d=${PYENV_DIR:-$PWD}
    while [ -n "$_d" ]; do
      if [ -f "$_d/.python-version" ]; then
        _v=$(sed -n '/^[[:space:]]*[^#[:space:]]/{s/^[[:space:]]*//;s/[[:space:]].*//;p;q;}' "$_d/.python-version")
        break
      fi
      [ "$_d" = / ] && break
      _d=${_d%/*}
      [ -z "$_d" ] && _d=/
    done
  fi
  if [ -z "$_v" ] && [ -f "$_root/version" ]; then
    _v=$(sed -n '/^[[:space:]]*[^#[:space:]]/{s/^[[:space:]]*//;s/[[:space:]].*//;p;q;}' "$_root/version")
  fi
  _v=${_v%%:*}
  [ -n "$_v" ] && [ "$_v" != system ] && [ -x "$_root/versions/$_v/bin/${_s##*/}" ] || return 1
  printf '%s\n' "$_root/versions/$_v/bin/${_s##*/}"
}
if _real=$(pyenv_real "$py"); then py=$_real; fi
sec interpreter
printf '%s\n' "$py"
sec startup
bounded "$ENVDIFF_CHILD_TIMEOUT" "$py" - <<'ENVDIFF_PY_EOF'
import io, json, os, platform, re, sys

def soabi_tag():
    # Same answer as packaging.tags: cp311, cp313t, cp37m, cp27mu, pp73.
    impl = platform.python_implementation().lower()
    try:
        import sysconfig
        soabi = sysconfig.get_config_var('SOABI')
    except Exception:
        sysconfig, soabi = None, None
    if soabi and soabi.startswith('cpython-'):
        return 'cp' + soabi.split('-')[1]
    if soabi and impl == 'pypy':
        parts = soabi.split('-')
        if len(parts) > 1:
            return parts[1]
    if impl == 'cpython':
        # Python 2 and Windows have no SOABI: rebuild it as packaging.tags._cpython_abis does.
        cv = lambda k: sysconfig.get_config_var(k) if sysconfig else None
        tag = 'cp%d%d' % sys.version_info[:2]
        if cv('Py_DEBUG') or hasattr(sys, 'gettotalrefcount'):
            tag += 'd'
        if sys.version_info < (3, 8) and cv('WITH_PYMALLOC') in (None, 1):
            tag += 'm'
        if sys.version_info < (3, 3) and (cv('Py_UNICODE_SIZE') == 4 or sys.maxunicode == 0x10FFFF):
            tag += 'u'
        return tag
    if soabi:
        return re.sub(r'[-.]', '_', soabi)
    return None

def read_text(path):
    try:
        with io.open(path, encoding='utf-8', errors='replace') as f:
            return f.read()
    except (IOError, OSError):
        return None

def headers(path):
    # RFC 822 style headers up to the first blank line; the body (long description) is skipped.
    out = {}
    try:
        f = io.open(path, encoding='utf-8', errors='replace')
    except (IOError, OSError):
        return out
    with f:
        for line in f:
            if line in ('\n', '\r\n'):
                break
            if line[:1] in (' ', '\t') or ':' not in line:
                continue
            k, v = line.split(':', 1)
            k = k.strip().lower()
            if k in ('name', 'version') and k not in out:
                out[k] = v.strip()
            elif k == 'tag':
                out.setdefault('tag', []).append(v.strip())
            elif k == 'requires-dist':
                keep_requirement(out, v.strip())
    return out

# A requirement whose marker is `extra == "x"` joined by `and` alone can never hold without that
# extra, and pip check evaluates markers with extra="" (pip's iter_dependencies): leaving those
# out keeps the fingerprint small (four in five Requires-Dist lines are extras). NVIDIA's wheels
# stay even then: `nvidia-cudnn-cu12>=9.3.0.75; extra == "and-cuda"` is what TensorFlow was built with.
ONLY_EXTRA = re.compile(r'\bextra\s*==')

def keep_requirement(out, req):
    marker = req.split(';', 1)[1] if ';' in req else ''
    if (ONLY_EXTRA.search(marker) and not re.search(r'\bor\b', marker)
            and not req.lstrip().lower().startswith('nvidia-')):
        return
    out.setdefault('requires', []).append(req)

def egg_requires(path):
    # setuptools' requires.txt: unmarked lines first, then `[extra]`, `[:marker]` or
    # `[extra:marker]` sections. Only the unconditional and `[:marker]` lines apply without extras.
    text = read_text(path)
    out = {}
    if not text:
        return None
    marker = ''
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        if line.startswith('['):
            section = line.strip('[]')
            extra, _, marker = section.partition(':')
            marker = None if extra.strip() else marker.strip()
            continue
        if marker is None:
            continue
        keep_requirement(out, line + ('; ' + marker if marker else ''))
    return out.get('requires')

def normalize(name):
    return re.sub(r'[-_.]+', '-', name).lower()

def dist_from(meta_dir, base, kind):
    if kind == 'dist-info':
        h = headers(os.path.join(meta_dir, 'METADATA'))
    elif os.path.isdir(meta_dir):
        h = headers(os.path.join(meta_dir, 'PKG-INFO'))
    else:
        h = headers(meta_dir)
    name = h.get('name')
    version = h.get('version')
    if not name or not version:
        # The directory name carries both (name-version.dist-info), as importlib.metadata falls back to.
        stem = base.rsplit('.', 1)[0]
        parts = stem.split('-')
        name = name or parts[0]
        if not version and len(parts) > 1:
            version = parts[1]
    if not name:
        return None
    d = {'name': name, 'version': version or ''}
    if h.get('requires'):
        d['requires'] = h['requires']
    elif kind == 'egg-info' and os.path.isdir(meta_dir):
        reqs = egg_requires(os.path.join(meta_dir, 'requires.txt'))
        if reqs:
            d['requires'] = reqs
    if kind == 'dist-info':
        inst = read_text(os.path.join(meta_dir, 'INSTALLER'))
        if inst and inst.strip():
            d['installer'] = inst.strip()
        wh = headers(os.path.join(meta_dir, 'WHEEL'))
        if wh.get('tag'):
            d['tags'] = wh['tag']
        du = read_text(os.path.join(meta_dir, 'direct_url.json'))
        if du:
            try:
                j = json.loads(du)
                # Credentials never leave the target: user-info up to the last @ (src/core/secrets.ts).
                u = {'url': re.sub(r'://[^/?#\s]*@', '://***@', j.get('url', '') or '')}
                if (j.get('dir_info') or {}).get('editable'):
                    u['editable'] = True
                if j.get('vcs_info'):
                    u['vcs'] = j['vcs_info'].get('vcs', '')
                d['directUrl'] = u
            except ValueError:
                pass
    return d

def scan():
    seen = set()
    dists = []
    try:
        import sysconfig
        stdlib = os.path.realpath(sysconfig.get_paths()['stdlib'])
    except Exception:
        stdlib = None
    for entry in sys.path:
        entry = entry or '.'
        # Python 2's own lib dirs hold Python-2.7.egg-info and wsgiref.egg-info: part of the
        # interpreter, not installed packages (pip skips them too: its stdlib_pkgs).
        real = os.path.realpath(entry)
        in_stdlib = (stdlib is not None and (real + os.sep).startswith(stdlib + os.sep)
                     and 'site-packages' not in real and 'dist-packages' not in real)
        roots = []
        try:
            names = os.listdir(entry)
        except (IOError, OSError):
            continue
        for base in names:
            if base.endswith('.dist-info'):
                roots.append((os.path.join(entry, base), base, 'dist-info'))
            elif base.endswith('.egg-info'):
                roots.append((os.path.join(entry, base), base, 'egg-info'))
        # An .egg directory on sys.path holds its metadata in EGG-INFO (easy_install).
        if entry.endswith('.egg') and os.path.isdir(os.path.join(entry, 'EGG-INFO')):
            roots.append((os.path.join(entry, 'EGG-INFO'), os.path.basename(entry), 'egg-info'))
        for path, base, kind in sorted(roots):
            d = dist_from(path, base, kind)
            if d is None:
                continue
            key = normalize(d['name'])
            if in_stdlib and key in ('python', 'wsgiref', 'argparse'):
                continue
            if key in seen:
                continue  # the first one on sys.path wins, as importlib.metadata resolves it
            seen.add(key)
            d['name'] = key
            dists.append(d)
    return dists

def conda():
    prefixes = [sys.prefix, os.environ.get('CONDA_PREFIX') or '']
    for p in prefixes:
        meta = os.path.join(p, 'conda-meta') if p else ''
        if meta and os.path.isdir(meta):
            pkgs = []
            for f in sorted(os.listdir(meta)):
                if not f.endswith('.json'):
                    continue
                try:
                    with io.open(os.path.join(meta, f), encoding='utf-8', errors='replace') as fh:
                        j = json.load(fh)
                except (IOError, OSError, ValueError):
                    continue
                if j.get('name'):
                    pkgs.append({'name': j.get('name'), 'version': j.get('version', ''),
                                 'build': j.get('build', ''), 'channel': j.get('channel', '')})
            return {'prefix': os.path.realpath(p), 'packages': pkgs}
    return None

base_prefix = getattr(sys, 'real_prefix', None) or getattr(sys, 'base_prefix', sys.prefix)
try:
    import sysconfig
    plat = sysconfig.get_platform()
except Exception:
    plat = None
out = {
    'version': platform.python_version(),
    'implementation': platform.python_implementation(),
    'abi': soabi_tag(),
    'platform': plat,
    'executable': os.path.realpath(sys.executable) if sys.executable else None,
    'virtualEnv': sys.prefix if sys.prefix != base_prefix else None,
    'conda': conda(),
    'packages': scan(),
}
# The leading newline ends any line a startup hook left unterminated.
sys.stdout.write('\n### json\n' + json.dumps(out, sort_keys=True) + '\n')
ENVDIFF_PY_EOF
