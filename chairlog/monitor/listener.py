"""The MLLP listener (asyncio, stdlib only; no Qt, no database).

``handle(frame, peer) -> ack bytes`` is called for each complete frame, one at a time, on one
worker thread shared by every connection (database writes stay serialised and the event loop
never blocks). The ACK is written only after ``handle`` returns, i.e. after the message was
committed. Limits: at most ``max_connections`` (64) open connections (more are closed at once),
a connection idle for ``idle_s`` (10 min) is closed, a frame above ``max_frame`` (1 MiB) is
answered AR and its connection closed. An error in one connection closes that connection only;
the listener keeps serving.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from chairlog.monitor.ack import build_ack
from chairlog.monitor.hl7 import control_id_of
from chairlog.monitor.mllp import MAX_FRAME, Frame, FrameDecoder, wrap

log = logging.getLogger("chairlog.monitor")
Handler = Callable[[bytes, str], bytes]
READ_CHUNK = 64 * 1024
MAX_CONNECTIONS = 64
IDLE_S = 600.0
WRITE_TIMEOUT_S = 30.0


class Listener:
    def __init__(self, handle: Handler, *, host: str = "127.0.0.1", port: int = 2575,
                 max_connections: int = MAX_CONNECTIONS, idle_s: float = IDLE_S,
                 max_frame: int = MAX_FRAME) -> None:
        self.handle = handle
        self.host = host
        self.port = port
        self.max_connections = max_connections
        self.idle_s = idle_s
        self.max_frame = max_frame
        self.connections = 0
        self.frames = 0
        self._server: asyncio.Server | None = None
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chairlog-mllp")
        self._stop: asyncio.Event | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def address(self) -> tuple[str, int]:
        assert self._server is not None
        sock = self._server.sockets[0].getsockname()
        return str(sock[0]), int(sock[1])

    async def start(self) -> None:
        """Bind (OSError if the port is taken) and start accepting."""
        self._stop = asyncio.Event()
        self._server = await asyncio.start_server(self._serve, self.host, self.port,
                                                  limit=READ_CHUNK, reuse_address=True)

    async def serve_until_stopped(self) -> None:
        """Serve until :meth:`stop`; then close the socket and every connection (a message
        being stored finishes first: its ACK may be lost, never its commit)."""
        assert self._server is not None and self._stop is not None
        try:
            await self._stop.wait()
        finally:
            self._server.close()
            for t in list(self._tasks):
                t.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
            await self._server.wait_closed()
            self._worker.shutdown(wait=True)

    def stop(self) -> None:
        if self._stop is not None:
            self._stop.set()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.connections >= self.max_connections or (self._stop and self._stop.is_set()):
            writer.close()
            return
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        self.connections += 1
        peer_info = writer.get_extra_info("peername")
        peer = str(peer_info[0]) if isinstance(peer_info, tuple) and peer_info else ""
        try:
            await self._connection(reader, writer, peer)
        except (ConnectionError, asyncio.IncompleteReadError, TimeoutError):
            pass
        except Exception:  # one broken connection never takes the listener down
            log.exception("monitor connection from %s failed", peer)
        finally:
            self.connections -= 1
            if task is not None:
                self._tasks.discard(task)
            writer.close()
            # a shutdown cancels the connection while it closes: nothing left to report
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await writer.wait_closed()

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                          peer: str) -> None:
        decoder = FrameDecoder(self.max_frame)
        loop = asyncio.get_running_loop()
        while True:
            try:
                data = await asyncio.wait_for(reader.read(READ_CHUNK), self.idle_s)
            except TimeoutError:
                return  # idle: closed
            if not data:
                return
            for event in decoder.feed(data):
                if isinstance(event, Frame):
                    ack = await loop.run_in_executor(self._worker, self._safe, event.data, peer)
                else:
                    cid = control_id_of(event.head)
                    ack = build_ack("AR", cid, f"message larger than {self.max_frame} bytes")
                writer.write(wrap(ack))
                await asyncio.wait_for(writer.drain(), WRITE_TIMEOUT_S)
                if not isinstance(event, Frame):
                    return  # too large: AR, then the connection is closed

    def _safe(self, frame: bytes, peer: str) -> bytes:
        self.frames += 1
        try:
            return self.handle(frame, peer)
        except Exception:
            log.exception("monitor message handler failed")
            return build_ack("AR", control_id_of(frame[:4096]), "receiver error, send again")


class BackgroundListener:
    """The same listener on its own thread (for the window): ``start()`` returns once bound
    (raising the bind error, e.g. port taken), ``stop()`` closes it and joins the thread."""

    def __init__(self, handle: Handler, *, host: str = "127.0.0.1", port: int = 2575) -> None:
        self.listener = Listener(handle, host=host, port=port)
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None

    def start(self, timeout: float = 10.0) -> tuple[str, int]:
        self._thread = threading.Thread(target=self._run, name="chairlog-monitor", daemon=True)
        self._thread.start()
        self._ready.wait(timeout)
        if self._error is not None:
            raise self._error
        return self.listener.address

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self.listener.start())
        except BaseException as exc:
            self._error = exc
            self._ready.set()
            loop.close()
            return
        self._ready.set()
        try:
            loop.run_until_complete(self.listener.serve_until_stopped())
        finally:
            loop.close()

    def stop(self, timeout: float = 10.0) -> None:
        if self._loop is not None and self._thread is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self.listener.stop)
            self._thread.join(timeout)
