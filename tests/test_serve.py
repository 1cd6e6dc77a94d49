"""guide/site/serve.py, the loopback static host of `make bench` and the browser tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide.site.serve import serve_site


@pytest.mark.parametrize("stopped", [BrokenPipeError, ConnectionResetError])
def test_a_browser_that_stops_reading_is_no_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], stopped: type[ConnectionError]
) -> None:
    """A page closed or a request aborted mid-answer printed a traceback into the test run."""
    with serve_site(tmp_path) as server:
        try:
            raise stopped(32, "the browser went away")
        except ConnectionError:
            server.handle_error(None, ("127.0.0.1", 1))
        try:
            raise ValueError("a fault of the server")
        except ValueError:
            server.handle_error(None, ("127.0.0.1", 1))
    err = capsys.readouterr().err
    assert stopped.__name__ not in err
    assert "ValueError: a fault of the server" in err
