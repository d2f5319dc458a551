"""Speak a voicemail script into a WAV file with espeak-ng and measure it."""

from __future__ import annotations

import shutil
import subprocess
import wave
from pathlib import Path

from insidetrack.domain.errors import ConflictError

WORDS_PER_MINUTE = 150  # the pace the playbook's 30 seconds assumes


def speak(text: str, out: Path) -> float:
    """Write the spoken text to `out` and return its length in seconds."""
    program = shutil.which("espeak-ng")
    if program is None:
        raise ConflictError(
            "espeak-ng is not installed; install it to hear your voicemail: "
            "sudo apt-get install espeak-ng (Debian, Ubuntu) or brew install espeak-ng (macOS)"
        )
    result = subprocess.run(
        [program, "-s", str(WORDS_PER_MINUTE), "-w", str(out), text],
        capture_output=True, text=True, timeout=60,
    )
    if result.returncode != 0 or not out.is_file():
        raise ConflictError(f"espeak-ng could not speak the script: {result.stderr.strip()}")
    with wave.open(str(out), "rb") as audio:
        return audio.getnframes() / audio.getframerate()
