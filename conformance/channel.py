"""The side channel from a worker to its supervisor: JSON lines on a pipe.

The worker announces each spec test as it starts, sends each finished phase with its record
data, and beats a heartbeat while requests get answered. The supervisor reads with a deadline:
a silent channel is how it tells an implementation that stopped making progress.
"""

from __future__ import annotations

import json
import os
import select
import time
from typing import Iterator, Optional


class Sender:
    """The worker's end. Writes whole lines, so a message is never half sent by a crash."""

    #: A heartbeat is only worth a write this often; any other message counts as one too.
    BEAT = 0.25

    def __init__(self, fd: int):
        self._fd = fd
        self._last = 0.0

    def send(self, event: str, **fields) -> None:
        data = (json.dumps(dict(fields, event=event), default=str) + "\n").encode("utf-8")
        try:
            while data:
                data = data[os.write(self._fd, data):]
        except OSError:  # the supervisor is gone: nobody is left to report to
            os._exit(70)
        self._last = time.monotonic()

    def beat(self) -> None:
        if time.monotonic() - self._last >= self.BEAT:
            self.send("beat")


class Receiver:
    """The supervisor's end: messages as they come, None after ``limit`` seconds of silence."""

    def __init__(self, fd: int, limit: float = 60.0):
        self._fd = fd
        self._buffer = b""
        self.closed = False
        #: seconds of silence tolerated; may be changed between messages
        self.limit = limit

    def messages(self) -> Iterator[Optional[dict]]:
        """Yield each message; yield None once the channel has been silent for ``limit``
        seconds, and stop at end of file."""
        deadline = time.monotonic() + self.limit
        while not self.closed:
            while b"\n" in self._buffer:
                line, _, self._buffer = self._buffer.partition(b"\n")
                yield json.loads(line)
                deadline = time.monotonic() + self.limit
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                yield None
                return
            try:
                ready, _, _ = select.select([self._fd], [], [], remaining)
            except InterruptedError:  # pragma: no cover - retried by Python since 3.5
                continue
            if ready:
                chunk = os.read(self._fd, 65536)
                if not chunk:
                    self.closed = True
                    return
                self._buffer += chunk

    def close(self) -> None:
        os.close(self._fd)
