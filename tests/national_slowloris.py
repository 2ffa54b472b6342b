"""pps-national under slow clients: 64 connections from one address that
send a partial request and then one header line every half second, as a
probe did to lock the service. The server gives each connection its own
thread and one address at most national/per_address connections, so a
region pushing from another address, and a status read from a third, are
answered within a second while the slow ones stay.

Usage: national_slowloris.py PORT TOKEN
"""
import socket
import sys
import threading
import time

SLOW = 64
port, token = int(sys.argv[1]), sys.argv[2]
stop = threading.Event()
opened = []


def slow_client(index):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET /api/v1/status HTTP/1.1\r\nHost: national\r\n")
        opened.append(s)
        line = 0
        while not stop.is_set():
            s.sendall(b"X-Slow-%d: %d\r\n" % (index, line))
            line += 1
            stop.wait(0.5)
    except OSError:
        pass                                  # refused or closed: what a limit does


def timed_request(source, method, path, body=b"", headers=""):
    """Send one request from source; return (status line, seconds)."""
    start = time.monotonic()
    reply = b""
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(source, 0))
        s.sendall(("%s %s HTTP/1.1\r\nHost: national\r\nConnection: close\r\n%s"
                   "Content-Length: %d\r\n\r\n" % (method, path, headers, len(body))).encode()
                  + body)
        while b"\r\n" not in reply:
            chunk = s.recv(4096)
            if not chunk:
                break
            reply += chunk
        s.close()
    except OSError as error:
        return "no answer (%s)" % error, time.monotonic() - start
    return reply.split(b"\r\n")[0].decode(), time.monotonic() - start


threads = [threading.Thread(target=slow_client, args=(i,), daemon=True) for i in range(SLOW)]
for thread in threads:
    thread.start()
time.sleep(2)                                 # the slow ones are in, trickling headers
failed = 0
status, seconds = timed_request("127.0.0.3", "GET", "/api/v1/status")
ok = status.startswith("HTTP/1.1 200") and seconds < 1
print("%s a status read from another address: %s in %.3f s" % ("ok  " if ok else "FAIL", status,
                                                                  seconds))
failed += not ok
status, seconds = timed_request("127.0.0.2", "POST", "/api/v1/bilans", b"{}",
                                "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                                % token)
# An empty document is refused: what matters is that the region is answered
ok = status.startswith("HTTP/1.1 4") and not status.startswith("HTTP/1.1 401") and seconds < 1
print("%s a region's push from another address answered: %s in %.3f s"
      % ("ok  " if ok else "FAIL", status, seconds))
failed += not ok
stop.set()
for s in opened:
    s.close()
print("%d passed, %d failed" % (2 - failed, failed))
sys.exit(1 if failed else 0)
