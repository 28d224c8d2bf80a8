"""Rebuild wheels from an installed site-packages, for tests that cannot reach PyPI.

Usage: python3 repack-wheels.py SITE_PACKAGES OUT_DIR NAME==VERSION...

For each requested distribution, its *.dist-info RECORD lists the installed files (relative to
site-packages); they are zipped back with the dist-info into NAME-VERSION-TAG.whl, TAG from the
dist-info's WHEEL file (the tags the original wheel had), as the wheel format says
(https://packaging.python.org/en/latest/specifications/binary-distribution-format/). Files RECORD
places outside site-packages (console scripts in bin/) are left out: pip writes entry-point scripts
again from entry_points.txt. Prints one line per wheel written; exits 1 naming what it could not find.
"""
import base64
import hashlib
import os
import re
import sys
import zipfile


def norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def record_hash(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def main():
    site, out, wanted = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(out, exist_ok=True)
    infos = {}
    for entry in os.listdir(site):
        if entry.endswith(".dist-info"):
            meta = os.path.join(site, entry, "METADATA")
            if not os.path.exists(meta):
                continue
            name = version = None
            with open(meta, encoding="utf-8", errors="replace") as f:
                for line in f:
                    if line.startswith("Name:") and name is None:
                        name = line.split(":", 1)[1].strip()
                    elif line.startswith("Version:") and version is None:
                        version = line.split(":", 1)[1].strip()
                    elif not line.strip():
                        break
            if name and version:
                infos[(norm(name), version)] = entry
    missing = []
    for spec in wanted:
        name, version = spec.split("==", 1)
        entry = infos.get((norm(name), version))
        if entry is None:
            missing.append(spec)
            continue
        dist_info = os.path.join(site, entry)
        tags = []
        with open(os.path.join(dist_info, "WHEEL"), encoding="utf-8") as f:
            for line in f:
                if line.startswith("Tag:"):
                    tags.append(line.split(":", 1)[1].strip())
        if not tags:
            tags = ["py3-none-any"]
        # Compressed tag set: py2.py3-none-any, cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64
        parts = [t.split("-") for t in tags]
        tag = "-".join(".".join(sorted(set(p[i] for p in parts), key=lambda x: [q[i] for q in parts].index(x))) for i in range(3))
        dist_name = entry[: -len(".dist-info")].rsplit("-", 1)[0]
        whl = os.path.join(out, "%s-%s-%s.whl" % (dist_name, version, tag))
        files = []
        with open(os.path.join(dist_info, "RECORD"), encoding="utf-8") as f:
            for line in f:
                path = line.rsplit(",", 2)[0].strip().strip('"')
                if not path or path.startswith("..") or os.path.isabs(path) or path.endswith(".pyc"):
                    continue
                if path.startswith(entry + "/") and os.path.basename(path) in ("RECORD", "INSTALLER", "REQUESTED", "direct_url.json"):
                    continue
                if os.path.isfile(os.path.join(site, path)):
                    files.append(path)
        record = []
        with zipfile.ZipFile(whl, "w", zipfile.ZIP_DEFLATED) as z:
            for path in sorted(set(files)):
                with open(os.path.join(site, path), "rb") as f:
                    data = f.read()
                z.writestr(path, data)
                record.append("%s,%s,%d" % (path, record_hash(data), len(data)))
            record.append("%s/RECORD,," % entry)
            z.writestr(entry + "/RECORD", "\n".join(record) + "\n")
        print(whl)
    if missing:
        sys.stderr.write("not installed here: %s\n" % " ".join(missing))
        sys.exit(1)


if __name__ == "__main__":
    main()
