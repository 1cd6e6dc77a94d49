"""A built site on loopback, served as a static host (GitHub Pages) serves it: text gzipped,
files cacheable for ten minutes, 404.html for a missing file.

Used by `make bench` to measure what a reader's browser transfers; it counts the bytes it
sends (status line, headers and body) for every response, so a measurement can add them up.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

# Content types a static host compresses (GitHub Pages gzips these; images are already compressed).
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "application/manifest+json",
    "image/svg+xml",
)
GZIP_LEVEL = 6  # the usual default of static hosts and CDNs
# GitHub Pages lets browsers keep every file for ten minutes: a second request for a file
# the page already loaded (a service worker keeping it for offline use) is not sent again.
CACHE_CONTROL = "max-age=600"


@dataclass(frozen=True)
class Sent:
    """One response: the path asked for, its status and the bytes sent for it."""

    path: str
    status: int
    size: int


class _CountingWriter(io.RawIOBase):
    """Wraps the connection's writer, adding every byte written to the handler's count."""

    def __init__(self, inner: io.BufferedIOBase, handler: GzipHandler) -> None:
        super().__init__()
        self._inner = inner
        self._handler = handler

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        written = self._inner.write(data)
        size = len(data) if written is None else written
        self._handler.bytes_sent += size
        return size

    def flush(self) -> None:
        self._inner.flush()


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; compressible ones gzipped when the client accepts it; 404.html for 404."""

    server: SiteServer
    bytes_sent = 0
    status = 0

    def setup(self) -> None:
        super().setup()
        self.wfile = _CountingWriter(self.wfile, self)  # type: ignore[assignment]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_response(self, code: int, message: str | None = None) -> None:
        self.status = code
        super().send_response(code, message)

    def handle_one_request(self) -> None:
        self.bytes_sent = 0
        self.status = 0
        super().handle_one_request()
        if self.status:
            self.server.record(Sent(self.path, self.status, self.bytes_sent))

    def _accepts_gzip(self) -> bool:
        codings = self.headers.get("Accept-Encoding", "")
        return "gzip" in (part.split(";")[0].strip() for part in codings.split(","))

    def _file_for(self, url_path: str) -> Path | None:
        path = Path(self.translate_path(url_path))
        if path.is_dir():
            if not url_path.split("?", 1)[0].endswith("/"):
                return None  # SimpleHTTPRequestHandler redirects to the slash
            path = path / "index.html"
        return path if path.is_file() else None

    def send_head(self) -> Any:
        path = self._file_for(self.path)
        if path is None:
            if Path(self.translate_path(self.path)).is_dir():
                return super().send_head()
            not_found = Path(self.directory) / "404.html"
            if not not_found.is_file():
                return super().send_head()
            return self._send_file(not_found, 404)
        return self._send_file(path, 200)

    def _send_file(self, path: Path, status: int) -> BinaryIO:
        ctype = self.guess_type(str(path))
        body = path.read_bytes()
        compress = self._accepts_gzip() and ctype.startswith(COMPRESSIBLE)
        if compress:
            body = self.server.compressed(path, body)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", CACHE_CONTROL)
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        return io.BytesIO(body)


class SiteServer(http.server.ThreadingHTTPServer):
    """The loopback server: keeps the gzipped files and the log of what it sent."""

    daemon_threads = True

    def __init__(self, directory: Path, port: int) -> None:
        handler = functools.partial(GzipHandler, directory=str(directory))
        super().__init__(("127.0.0.1", port), handler)
        self._lock = threading.Lock()
        self._sent: list[Sent] = []
        self._gzipped: dict[tuple[Path, int], bytes] = {}
        self._last = time.monotonic()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that stops reading (a page closed, a request aborted or answered from
        elsewhere) is no error of the site: no traceback in the test run for it."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)

    def compressed(self, path: Path, body: bytes) -> bytes:
        key = (path, os.stat(path).st_mtime_ns)
        with self._lock:
            if key not in self._gzipped:
                self._gzipped[key] = gzip.compress(body, GZIP_LEVEL, mtime=0)
            return self._gzipped[key]

    def record(self, sent: Sent) -> None:
        with self._lock:
            self._sent.append(sent)
            self._last = time.monotonic()

    def wait_quiet(self, seconds: float, *, limit: float = 30.0) -> None:
        """Return once nothing has been sent for `seconds` (or after `limit` seconds)."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            with self._lock:
                quiet = time.monotonic() - self._last
            if quiet >= seconds:
                return
            time.sleep(seconds - quiet)

    def take_log(self) -> list[Sent]:
        """What was sent since the last call, and start a new log."""
        with self._lock:
            sent, self._sent = self._sent, []
        return sent


@contextmanager
def serve_site(directory: Path, *, port: int = 0) -> Iterator[SiteServer]:
    """Serve `directory` on 127.0.0.1 (`port`, or a free one) for the duration of the block.

    The directory may be (re)built while it is served: files are read on every request.
    """
    server = SiteServer(directory, port)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
