// What may be copied from a fingerprint or an option into the Dockerfile and its side files.
// A fingerprint is a JSON file anyone can edit (or a capture of a hostile machine), and the
// generated file is run by `docker build`: a newline in a label ends a comment and starts a `RUN`,
// a `$(…)` in a package version runs inside `RUN apt-get install …`, a newline in a pip version
// adds an `--index-url` line to the requirements file. So every value that lands in an instruction
// or a side file must match what its ecosystem allows (anything else is left out, with a comment),
// and every value that lands in a comment has its control characters made visible.

import { hasControlChars } from '../../core/text.js';
import { isPipToken } from '../../core/escape.js';

/** PEP 440 versions as installers record them (epoch `1!`, local `+cu121`, pre/post/dev). */
const PEP440_VERSION = /^[A-Za-z0-9][A-Za-z0-9.+!_-]*$/;
/** PEP 503 normalized names (what the fingerprint schema requires). */
const PYPI_NAME = /^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/i;
/** Debian policy §5.6.1 package names and §5.6.12 versions ([epoch:]upstream[-revision]). */
const DEB_NAME = /^[a-z0-9][a-z0-9+.-]+$/;
const DEB_VERSION = /^[0-9A-Za-z][0-9A-Za-z.+~:-]*$/;
/** R package names (Writing R Extensions §1.1.1) and versions (two or more integers, `.` or `-`). */
const R_NAME = /^[A-Za-z][A-Za-z0-9.]*$/;
const R_VERSION = /^[0-9]+([.-][0-9]+)+$/;
/** conda MatchSpec parts: name, version and build strings, channels (a name or a URL). */
const CONDA_WORD = /^[A-Za-z0-9_][A-Za-z0-9_.+!*-]*$/;
const CONDA_CHANNEL = /^[A-Za-z0-9_][A-Za-z0-9_.:/+-]*$/;
/** A release version for a download URL or an image tag: 3.11.7, 2.13.12, 3.5.1, 3.13.0rc1. */
const RELEASE_VERSION = /^[0-9]+\.[0-9]+(\.[0-9]+)?([a-z]+[0-9]*)?(-[A-Za-z0-9.]+)?$/;
/** A URL in a requirements file line (`name @ URL`): one token, no whitespace, quotes or control characters. */
const FILE_URL = /^[^\s"'\\]+$/;

export const isPypiName = (s: string): boolean => PYPI_NAME.test(s);
export const isPep440Version = (s: string): boolean => PEP440_VERSION.test(s);
export const isDebName = (s: string): boolean => DEB_NAME.test(s);
export const isDebVersion = (s: string): boolean => DEB_VERSION.test(s);
export const isRName = (s: string): boolean => R_NAME.test(s);
export const isRVersion = (s: string): boolean => R_VERSION.test(s);
export const isCondaWord = (s: string): boolean => CONDA_WORD.test(s);
export const isCondaChannel = (s: string): boolean => CONDA_CHANNEL.test(s);
export const isReleaseVersion = (s: string): boolean => RELEASE_VERSION.test(s);
export const isRequirementUrl = (s: string): boolean => FILE_URL.test(s) && !hasControlChars(s) && isPipToken(s);

export const UNSAFE_WHY = 'characters its ecosystem does not allow in a name or version';
