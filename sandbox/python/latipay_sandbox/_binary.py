"""Where the `latipay-sandbox` executable is."""

from __future__ import annotations

import os
import shutil
import sysconfig
from pathlib import Path

#: The environment variable that names an executable of your own (a cargo build, say).
BINARY_VARIABLE = "LATIPAY_SANDBOX_BIN"

_NAME = "latipay-sandbox.exe" if os.name == "nt" else "latipay-sandbox"


def binary_path() -> Path:
    """The `latipay-sandbox` executable: `$LATIPAY_SANDBOX_BIN` when set, else
    the one this wheel installed beside the interpreter's scripts, else the
    first on `PATH`. Raises `FileNotFoundError` saying how to get one."""
    given = os.environ.get(BINARY_VARIABLE)
    if given:
        path = Path(given)
        if not path.is_file():
            raise FileNotFoundError(f"${BINARY_VARIABLE} is {given!r}, which is not a file")
        return path
    beside = Path(sysconfig.get_path("scripts")) / _NAME
    if beside.is_file():
        return beside
    found = shutil.which(_NAME)
    if found:
        return Path(found)
    raise FileNotFoundError(
        "no latipay-sandbox executable: install the latipay_sandbox wheel (prebuilt for Linux x86_64 and "
        "aarch64), or build it from the repository (`cargo build --locked -p latipay-sandbox`: "
        f"target/debug/latipay-sandbox) and set ${BINARY_VARIABLE} to it"
    )
