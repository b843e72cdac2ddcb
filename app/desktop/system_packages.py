"""Which system package brings a shared library the loader could not find.

Why: without ``libpulse0`` (Debian/Ubuntu), importing Qt Multimedia fails with
``libpulse.so.0: cannot open shared object file``. Ringdesk then works without sound, and the settings and
``ringdesk doctor`` say what to install. A library name means nothing to most agents; the package does.

Only packages we are sure of are named, per distribution family; for any other library the message says
which file is missing and leaves the package to the reader. No Qt here: the doctor reads it without a GUI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The loader's wording (glibc): "<name>: cannot open shared object file: No such file or directory".
_MISSING = re.compile(r"([\w.+-]+\.so(?:\.[\w]+)*): cannot open shared object file")

# library → (distribution family, package), for the libraries Qt Multimedia needs beyond the rest of Qt.
PACKAGES: dict[str, tuple[tuple[str, str], ...]] = {
    "libpulse.so.0": (("Debian/Ubuntu", "libpulse0"), ("Fedora", "pulseaudio-libs"), ("Arch", "libpulse")),
}


@dataclass(frozen=True, slots=True)
class MissingLibrary:
    """A shared library the loader did not find, and the packages known to provide it."""

    name: str
    packages: tuple[tuple[str, str], ...] = ()

    def packages_text(self) -> str:
        """``libpulse0 (Debian/Ubuntu), pulseaudio-libs (Fedora), libpulse (Arch)``; empty when unknown."""
        return ", ".join(f"{package} ({family})" for family, package in self.packages)


def missing_library(error: str) -> MissingLibrary | None:
    """The library a loader error names as missing (``ImportError``'s text), or None if it names none."""
    found = _MISSING.search(error)
    if found is None:
        return None
    name = found.group(1).rsplit("/", 1)[-1]
    return MissingLibrary(name, PACKAGES.get(name, ()))
