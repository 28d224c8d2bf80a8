import {
  closeSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { EnvdiffError } from './errors.js';

/** One file of a command's output: where, and what. */
export interface OutputFile {
  path: string;
  content: string;
}

/**
 * Writes a file so that readers see the old content or the new, never half of it: a temp file in
 * the same directory (same filesystem), fsync, then rename over the target. On failure the temp
 * file is removed and the original stays as it was. A file it replaces keeps its mode (a 0600
 * fingerprint stays 0600).
 */
export function writeFileAtomic(path: string, content: string): void {
  writeFilesAtomic([{ path, content }]);
}

/**
 * Writes all the files of one command or none of them (a Dockerfile never without the
 * requirements file it COPYs, nor the other way round): every temp file is written and synced
 * first; then each is renamed over its target, and when a rename fails the targets already
 * replaced get their old content back (kept as hard links until all renames succeeded).
 */
export function writeFilesAtomic(files: readonly OutputFile[]): void {
  const temps: string[] = [];
  const backups: { path: string; backup: string | undefined }[] = [];
  try {
    for (const f of files) temps.push(writeTemp(f.path, f.content));
    files.forEach((f, i) => {
      const backup = existingRegular(f.path) ? tempName(f.path, 'bak') : undefined;
      if (backup) linkSync(f.path, backup);
      backups.push({ path: f.path, backup });
      renameSync(temps[i]!, f.path);
      temps[i] = '';
    });
  } catch (err) {
    for (const t of temps) if (t) removeQuietly(t);
    // Undo in reverse: the replaced files get their old content back, new ones disappear.
    for (const b of [...backups].reverse()) {
      try {
        if (b.backup) renameSync(b.backup, b.path);
        else removeQuietly(b.path);
      } catch {
        /* best effort: the error below says what failed */
      }
    }
    throw err;
  }
  for (const b of backups) if (b.backup) removeQuietly(b.backup);
}

/** A temp name beside `path` that fits in NAME_MAX (255 bytes) whatever the target's name. */
function tempName(path: string, kind: 'tmp' | 'bak'): string {
  return join(dirname(path), `.envdiff-${randomBytes(6).toString('hex')}.${kind}`);
}

function writeTemp(path: string, content: string): string {
  const tmp = tempName(path, 'tmp');
  const existing = existingRegular(path);
  // The mode of the file being replaced (else 0644 less the umask, as any new file).
  const mode = existing ? existing.mode & 0o7777 : 0o644;
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', mode);
    if (existing) fchmodSync(fd, mode);
    writeSync(fd, content);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    return tmp;
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    removeQuietly(tmp);
    throw err;
  }
}

function existingRegular(path: string): Stats | undefined {
  try {
    const st = lstatSync(path);
    return st.isFile() ? st : undefined;
  } catch {
    return undefined;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* never created, or already gone */
  }
}

/**
 * Refuses an output path (`-o`) that is not a regular file or absent — a device node, a FIFO, a
 * socket, a directory or a symlink would be replaced by a regular file (as root: `/dev/full`) —
 * and one that is an input of the same command (by device and inode, so `./a.json`, a hard link
 * or a symlinked folder are caught), which the write would destroy.
 */
export function checkOutputPath(path: string, inputs: readonly string[] = [], flag = '-o'): void {
  let st: Stats;
  try {
    st = lstatSync(path);
  } catch {
    return;
  }
  if (!st.isFile()) {
    const what = st.isSymbolicLink()
      ? 'a symbolic link'
      : st.isDirectory()
        ? 'a directory'
        : st.isFIFO()
          ? 'a FIFO'
          : st.isCharacterDevice() || st.isBlockDevice()
            ? 'a device'
            : st.isSocket()
              ? 'a socket'
              : 'not a regular file';
    throw new EnvdiffError(
      `${flag} ${path} is ${what}; envdiff writes only regular files`,
      `give the path of a new or regular file (for a pipe or device, leave out ${flag} and redirect stdout)`,
    );
  }
  for (const input of inputs) {
    let other: Stats;
    try {
      other = statSync(input);
    } catch {
      continue;
    }
    if (other.dev === st.dev && other.ino === st.ino) {
      throw new EnvdiffError(
        `${flag} ${path} is also an input of this command (${input}); writing it would destroy it`,
        `write to another file`,
      );
    }
  }
}
