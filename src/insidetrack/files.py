"""Write the files a command makes: atomically when a regular file, through when not.

A regular file (or a missing one) is written to a temporary file in the same
folder and renamed into place, so it is whole or untouched. A symbolic link
stays a link: the file it points to is written. Anything that is not a
regular file (a pipe, a device such as /dev/null, the standard output) is
written through, never replaced. An existing file is replaced only when the
user says so (`--force`), missing folders are never created, and every path
that cannot be written is one InputError naming the option.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from insidetrack.domain.errors import InputError

# The standard streams are written as the shell opened them, never resolved and replaced.
STREAMS = ("/dev/stdout", "/dev/stderr", "/dev/fd/", "/proc/self/fd/")
REASONS = {
    errno.EACCES: "permission denied", errno.EPERM: "permission denied",
    errno.EROFS: "the disk is read-only", errno.ENOSPC: "the disk is full",
    errno.ENOENT: "its folder does not accept new files", errno.ELOOP: "the links loop",
}


@dataclass(frozen=True)
class Target:
    """Where a command's bytes go, checked before anything is written."""

    path: Path  # as the user typed it, for messages
    real: Path  # the file written: the link's target for a symbolic link
    field: str
    regular: bool  # a regular file or a new one: replaced atomically
    exists: bool
    link: bool


def target(path: Path, *, force: bool = False, field: str = "--out") -> Target:
    """Check a path the user gave for writing; refuse an existing file unless forced."""
    found = _inspect(path, field)
    if found.regular and found.exists and not force:
        raise InputError(field, f"{path} already exists; add --force to replace it")
    if found.regular:
        _probe(found)
    return found


def write(where: Target, data: bytes) -> None:
    """Write the bytes to a checked target: atomically, or through a non-regular file."""
    try:
        if where.regular:
            _replace(where.real, data)
        else:
            _write_through(where.real, data)
    except OSError as exc:
        raise _unwritable(where.path, where.field, exc) from exc


def write_file(path: Path, data: bytes, *, force: bool = False, field: str = "--out") -> None:
    """Check a path, then write the bytes to it."""
    write(target(path, force=force, field=field), data)


def _inspect(path: Path, field: str) -> Target:
    if str(path).startswith(STREAMS):
        return Target(path, path, field, regular=False, exists=True, link=False)
    try:
        link = stat.S_ISLNK(os.lstat(path).st_mode)
        real = Path(os.path.realpath(path)) if link else path
        mode = os.stat(real).st_mode
    except (FileNotFoundError, NotADirectoryError):
        real = Path(os.path.realpath(path))
        _check_folder(path, real.parent, field)
        return Target(path, real, field, regular=True, exists=False, link=os.path.islink(path))
    except OSError as exc:
        raise _unwritable(path, field, exc) from exc
    if stat.S_ISDIR(mode):
        raise InputError(field, f"{path} is a folder; give the name of a file")
    return Target(path, real, field, regular=stat.S_ISREG(mode), exists=True, link=link)


def _check_folder(path: Path, folder: Path, field: str) -> None:
    """Refuse a new file whose folder is missing or is not a folder; never create it."""
    blocking = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if blocking == folder and folder.is_dir():
        return
    if blocking is not None and not blocking.is_dir():
        raise InputError(field, f"cannot write {path}: {blocking} is a file, not a folder")
    raise InputError(field, f"cannot write {path}: there is no folder {folder}; create it first")


def _probe(where: Target) -> None:
    """Make and remove a temporary file beside the target: can the folder take one?"""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{where.real.name}.", suffix=".tmp",
                                   dir=where.real.parent)
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        raise _unwritable(where.path, where.field, exc) from exc


def _unwritable(path: Path, field: str, exc: OSError) -> InputError:
    reason = REASONS.get(exc.errno or 0, exc.strerror or str(exc))
    return InputError(field, f"cannot write {path}: {reason}")


def _replace(real: Path, data: bytes) -> None:
    """Write a temporary file beside the target, then rename it onto the target."""
    fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if real.exists():
            os.chmod(tmp, stat.S_IMODE(os.stat(real).st_mode))
        os.replace(tmp, real)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_through(real: Path, data: bytes) -> None:
    """Write into a pipe, a device or a stream as it is; append so a shell's >> is kept."""
    fd = os.open(real, os.O_WRONLY | os.O_APPEND)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
