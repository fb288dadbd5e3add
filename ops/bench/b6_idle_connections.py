#!/usr/bin/env python3
"""B6: resident memory of kompetens-server holding idle keep-alive connections, against the minimal Beast
server of ops/bench/minimal_beast.cpp holding the same connections.

Each connection sends one GET /healthz, reads the answer and then stays open and silent, as a phone's
connection does between syncs. RSS is read from /proc before the connections, once all are idle, and
again after they are closed (what the server keeps). Prints one Markdown table row per server.

    ops/bench/b6_idle_connections.py BUILD_DIR [CONNECTIONS] [ROUNDS]
"""
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time

REQUEST = b"GET /healthz HTTP/1.1\r\nHost: bench\r\nConnection: keep-alive\r\n\r\n"


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def read_answer(sock):
    """Reads one HTTP answer with a Content-Length; returns its status code."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            raise RuntimeError("connection closed before the answer")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(4096)
        if not chunk:
            raise RuntimeError("connection closed inside the answer")
        body += chunk
    return int(head.split(b" ")[1])


def hold(port, pid, n):
    """Opens n keep-alive connections, one request each; returns (rss before, rss idle, rss after close)."""
    before = rss_kib(pid)
    socks = []
    try:
        for _ in range(n):
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(REQUEST)
            status = read_answer(s)
            if status != 200:
                raise RuntimeError(f"/healthz answered {status} on connection {len(socks) + 1}")
            socks.append(s)
        time.sleep(1.0)  # let the server settle (the log flush, freed buffers)
        # Every connection must still be open: a server that dropped them would look cheap.
        for s in socks:
            s.setblocking(False)
            try:
                if s.recv(1) == b"":
                    raise RuntimeError("the server closed an idle connection during the measurement")
            except BlockingIOError:
                pass
        idle = rss_kib(pid)
    finally:
        for s in socks:
            s.close()
    time.sleep(1.0)
    return before, idle, rss_kib(pid)


def wait_port_file(path, proc):
    for _ in range(200):
        if os.path.exists(path) and os.path.getsize(path) > 0:
            return int(open(path).read().strip())
        if proc.poll() is not None:
            raise RuntimeError("kompetens-server exited at start")
        time.sleep(0.05)
    raise RuntimeError("kompetens-server did not write its port")


def wait_listening(port):
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port)).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


def main():
    build = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard < n + 64:
        sys.exit(f"b6: the open-file limit ({hard}) is below {n} connections")
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # inherited by both servers

    # A fresh pair of servers each round: memory freed when connections close stays with the allocator,
    # so a second round on the same process would measure nothing.
    results = {"kompetens-server": [], "minimal Beast": []}
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as tmp:
            ours = subprocess.Popen(
                [f"{build}/server/app/kompetens-server", "serve", "--database", f"sqlite:{tmp}/b6.db",
                 "--port", "0", "--port-file", f"{tmp}/port", "--max-connections", str(n + 16)],
                stdout=subprocess.DEVNULL, stderr=open(f"{tmp}/server.log", "w"))
            base_port = free_port()
            base = subprocess.Popen([f"{build}/ops/bench/kompetens-bench-minimal-beast", str(base_port)])
            try:
                ours_port = wait_port_file(f"{tmp}/port", ours)
                wait_listening(base_port)
                time.sleep(0.5)
                results["kompetens-server"].append(hold(ours_port, ours.pid, n))
                results["minimal Beast"].append(hold(base_port, base.pid, n))
            finally:
                ours.terminate()
                base.terminate()
                ours.wait()
                base.wait()

    def median(xs):
        return sorted(xs)[len(xs) // 2]

    def per_conn(r):
        return (r[1] - r[0]) / n

    rows = {}
    for name, rs in results.items():
        rows[name] = (median([r[0] for r in rs]), median([r[1] for r in rs]), median([r[2] for r in rs]),
                      median([per_conn(r) for r in rs]))
    base_idle = rows["minimal Beast"][1]
    for name, (before, idle, after, kib) in rows.items():
        target = "≤ 150 MB: " + ("met" if idle * 1024 <= 150e6 else "missed") if name == "kompetens-server" else ""
        print(f"| {name} | {n} | {before / 1024:.1f} | {idle / 1024:.1f} | {after / 1024:.1f} | {kib:.1f} "
              f"| {idle / base_idle if name == 'kompetens-server' else 1:.2f} | {target} |")
    print(f"rounds (before, idle, after KiB): {results}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
