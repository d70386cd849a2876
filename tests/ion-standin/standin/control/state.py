"""Run-time state that tests change through the control API: the emergency
message and the injected faults. It lives in process memory, which serve.py
shares between its request threads, and is lost when the stand-in stops."""

import re
import threading
from dataclasses import dataclass

from standin.middleware import is_control_path, normalize_path

# Set when the stand-in shuts down, so that held requests return at once.
shutdown = threading.Event()

FAULT_KINDS = ("500", "timeout", "malformed", "delay:MS")
DELAY_PATTERN = re.compile(r"delay:(\d{1,7})")


class FaultSpecError(ValueError):
    """An invalid fault path, kind or count. The message names the value and the fix."""


@dataclass
class Fault:
    # A normalized path, or a prefix when `prefix` is set (written PATH* ).
    path: str
    prefix: bool
    kind: str
    # Requests left to fail; None means until cleared.
    remaining: int | None

    @property
    def delay_ms(self) -> int:
        match = DELAY_PATTERN.fullmatch(self.kind)
        return int(match.group(1)) if match else 0

    def describe(self) -> dict:
        return {"path": self.path + ("*" if self.prefix else ""), "kind": self.kind, "times": self.remaining}


def parse_fault(path: str, kind: str, times=None) -> Fault:
    """Validate one fault. `path` is an absolute path such as
    /api/announcements, or a prefix ending in '*'; `kind` is one of 500,
    timeout, malformed or delay:MS; `times` is a positive count or None."""
    if not isinstance(path, str) or not path.startswith("/"):
        raise FaultSpecError(f"fault path {path!r} is invalid: use an absolute path such as /api/announcements")
    prefix = path.endswith("*")
    path = path.rstrip("*") if prefix else normalize_path(path)
    # The fault middleware never touches the control API either, so that a
    # broad prefix such as /* cannot lock tests out.
    if is_control_path(path):
        raise FaultSpecError(f"fault path {path!r} is invalid: the control API under /_standin cannot fail")
    if not isinstance(kind, str) or not (kind in ("500", "timeout", "malformed") or DELAY_PATTERN.fullmatch(kind)):
        raise FaultSpecError(f"fault kind {kind!r} is invalid: use one of {', '.join(FAULT_KINDS)}")
    if times is not None and (isinstance(times, bool) or not isinstance(times, int) or times < 1):
        raise FaultSpecError(f"fault times {times!r} is invalid: use a positive integer, or leave it out")
    return Fault(path=path, prefix=prefix, kind=kind, remaining=times)


def parse_fault_option(option: str) -> Fault:
    """Parse serve.py's `--fault PATH=KIND`."""
    path, separator, kind = option.rpartition("=")
    if not separator:
        raise FaultSpecError(f"--fault {option!r} is invalid: use PATH=KIND, such as /api/announcements=500")
    return parse_fault(path, kind)


class FaultRegistry:
    """The faults in force. A new fault on the same path replaces the old one.
    An exact path wins over a prefix, and a longer prefix over a shorter one."""

    def __init__(self):
        self._lock = threading.Lock()
        self._faults: dict[tuple[str, bool], Fault] = {}

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._faults[(fault.path, fault.prefix)] = fault

    def clear(self, path: str | None = None) -> int:
        """Remove every fault, or the one on `path` (written as when added);
        return how many were removed."""
        with self._lock:
            if path is None:
                count = len(self._faults)
                self._faults.clear()
                return count
            prefix = path.endswith("*")
            key = (path.rstrip("*") if prefix else normalize_path(path), prefix)
            return 1 if self._faults.pop(key, None) else 0

    def list(self) -> list[dict]:
        with self._lock:
            return [fault.describe() for fault in self._faults.values()]

    def take(self, path: str) -> Fault | None:
        """Return the fault for a request to `path` and count the use, removing
        the fault once its count runs out."""
        with self._lock:
            fault = self._faults.get((path, False))
            if fault is None:
                prefixes = [f for f in self._faults.values() if f.prefix and path.startswith(f.path)]
                fault = max(prefixes, key=lambda f: len(f.path), default=None)
            if fault is None:
                return None
            if fault.remaining is not None:
                fault.remaining -= 1
                if fault.remaining == 0:
                    del self._faults[(fault.path, fault.prefix)]
            return fault


class EmergencyState:
    """What `/api/emerg` returns. Ion's values: no emergency is
    status false with message "", an emergency is true with HTML, no
    configured source is null/null and an upstream timeout false/null."""

    OFF = (False, "")

    def __init__(self):
        self._lock = threading.Lock()
        self._value = self.OFF

    def get(self) -> tuple[bool | None, str | None]:
        with self._lock:
            return self._value

    def set(self, status: bool | None, message: str | None) -> None:
        with self._lock:
            self._value = (status, message)

    def turn_on(self, message: str) -> None:
        self.set(True, message)

    def turn_off(self) -> None:
        self.set(*self.OFF)


faults = FaultRegistry()
emergency = EmergencyState()

# The message of serve.py's `--emergency` without a value, in the form of
# Ion's messages: an <h3> with an icon and a title, a rule, then the body.
DEFAULT_EMERGENCY_HTML = (
    '<h3><i class="fa fa-exclamation-triangle"></i> Two-hour delay</h3><hr />'
    "<p>FCPS schools open two hours late today. Eighth period is unchanged.</p>"
)
