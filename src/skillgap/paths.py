"""Where the bundled bank is, and which bank a command uses: cheap to import, so the TUI can
find its bank without importing the loader (and YAML)."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def bundled_bank_dir() -> Path:
    """The bank that ships with skillgap: inside the installed package, or in a checkout."""
    packaged = PACKAGE / "questions"
    if (packaged / "bank.yaml").is_file():
        return packaged
    return PACKAGE.parents[1] / "questions"


def default_bank_dir() -> Path:
    """$SKILLGAP_QUESTIONS, else the bundled bank."""
    env = os.environ.get("SKILLGAP_QUESTIONS")
    return Path(env) if env else bundled_bank_dir()
