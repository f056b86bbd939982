"""Starts rapaio-jupyter-kernel so that Jupyter never sees a start that hangs.

The kernelspec runs  python3 kernel-supervisor.py {connection_file} -- java ... -jar rapaio.jar
(the supervisor appends a connection file of its own to the kernel's command).

rapaio-jupyter-kernel 3.0.1 (and its newest source) has two start-up races:
  * LoopThread.start() sets `running` only after Thread.start(), so the heartbeat, shell or control
    thread can see `running == false` and exit at once: that channel is dead for the kernel's life;
  * the sockets are bound before the message handlers are registered, so a request that arrives in
    between hits a null handler map and the shell (or control) thread dies of the exception.
Either way the process lives on and Jupyter waits forever. Nothing a client sends can avoid them.

So the supervisor starts the Java kernel on private loopback ports of its own, waits until it has
bound them all (a slow JVM start is no hang), checks every channel that has a thread (heartbeat echo,
kernel_info on shell and on control, a status on iopub), kills and restarts the JVM when any
of them does not answer within --probe-timeout of the binding, and only then
binds the ports Jupyter chose and relays every message unchanged between them and the kernel
(signatures stay valid: the same key signs both sides). A client that connects early just waits:
ZeroMQ queues its requests until the ports are bound. The supervisor exits with the kernel's exit
status when the kernel exits (shutdown, restart, crash), so Jupyter's own restarter still works; the
kernel dies with the supervisor (PR_SET_PDEATHSIG) if the supervisor is killed, and the supervisor
ends when the process that started it (the notebook server, run-notebooks.py) dies.
"""
import argparse
import ctypes
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

import zmq
from jupyter_client.session import Session

CHANNELS = ("shell", "control", "stdin", "hb", "iopub")


def log(message):
    print(f"[kernel-supervisor] {message}", file=sys.stderr, flush=True)


def free_ports(ip, count):
    """Ports the OS hands out now; held open together so that they differ."""
    socks = [socket.socket() for _ in range(count)]
    try:
        for s in socks:
            s.bind((ip, 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def signal_on_parent_death(signum):
    """Linux: this process gets signum when its parent dies, however it dies."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signum)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def die_with_parent():
    # the kernel dies with the supervisor (Jupyter may SIGKILL the supervisor)
    signal_on_parent_death(signal.SIGKILL)


class Attempt:
    """One JVM on private ports, with the supervisor's sockets connected to it."""

    def __init__(self, ctx, public, command, workdir, number):
        ip = "127.0.0.1"
        ports = free_ports(ip, len(CHANNELS))
        self.info = dict(public, ip=ip, transport="tcp", **{f"{c}_port": p for c, p in zip(CHANNELS, ports)})
        self.path = os.path.join(workdir, f"kernel-{number}.json")
        with open(self.path, "w") as f:
            json.dump(self.info, f)
        self.process = subprocess.Popen(command + [self.path], preexec_fn=die_with_parent)
        # one identity for shell, control and stdin: rapaio sends the reply to a control request and
        # every stdin request through the socket of another channel, with the identities it received
        identity = f"supervisor-{os.getpid()}-{number}".encode()
        self.sockets = {}
        for name in ("shell", "control", "stdin", "hb"):
            s = ctx.socket(zmq.DEALER)
            s.linger = 0
            if name != "hb":
                s.setsockopt(zmq.IDENTITY, identity)
            s.connect(self.url(name))
            self.sockets[name] = s
        sub = ctx.socket(zmq.SUB)
        sub.linger = 0
        sub.setsockopt(zmq.SUBSCRIBE, b"")
        sub.connect(self.url("iopub"))
        self.sockets["iopub"] = sub

    def url(self, channel):
        return f"tcp://{self.info['ip']}:{self.info[channel + '_port']}"

    def close(self, kill):
        for s in self.sockets.values():
            s.close()
        if kill and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        try:
            os.unlink(self.path)
        except OSError:
            pass


def wait_bound(attempt, limit):
    """None once every port of the kernel accepts connections, else why not."""
    deadline = time.monotonic() + limit
    ports = [attempt.info[f"{c}_port"] for c in CHANNELS]
    while ports:
        if attempt.process.poll() is not None:
            return f"the kernel exited with status {attempt.process.returncode}"
        if time.monotonic() > deadline:
            return f"ports {ports} not bound"
        try:
            socket.create_connection((attempt.info["ip"], ports[0]), timeout=1).close()
            ports.pop(0)
        except OSError:
            time.sleep(0.05)
    return None


def recv_until(sock, deadline, accept, session=None):
    """Receives on sock until accept(message) is true; False at the deadline."""
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not sock.poll(int(left * 1000)):
            return False
        frames = sock.recv_multipart()
        msg = frames if session is None else session.deserialize(session.feed_identities(frames)[1])
        if accept(msg):
            return True


def probe(attempt, session, timeout):
    """None when every channel with a thread answered, else what did not."""
    deadline = time.monotonic() + timeout
    s = attempt.sockets
    # heartbeat: its thread is alive once the echo comes back (ping again: the first may precede the bind)
    while True:
        if attempt.process.poll() is not None:
            return f"the kernel exited with status {attempt.process.returncode}"
        s["hb"].send_multipart([b"", b"ping"])
        if recv_until(s["hb"], min(deadline, time.monotonic() + 0.5), lambda m: m[-1] == b"ping"):
            break
        if time.monotonic() >= deadline:
            return f"no heartbeat within {timeout:g} s"
    # the handlers are registered just after the last bind; leave them ample time (a loaded machine
    # can hold a thread back for a while) before asking, since a request that comes first kills the thread
    time.sleep(1.0)
    msg = session.send(s["shell"], "kernel_info_request", {})
    if not recv_until(s["shell"], deadline, lambda m: m["parent_header"].get("msg_id") == msg["msg_id"], session):
        return f"no kernel_info_reply on shell within {timeout:g} s"
    # iopub: the subscription may take a moment to reach the kernel; ask until a status comes through
    for _ in range(20):
        msg = session.send(s["shell"], "kernel_info_request", {})
        seen = recv_until(s["iopub"], min(deadline, time.monotonic() + 0.25),
                          lambda m: m["parent_header"].get("msg_id") == msg["msg_id"], session)
        recv_until(s["shell"], deadline, lambda m: m["parent_header"].get("msg_id") == msg["msg_id"], session)
        if seen:
            break
    else:
        return f"no status on iopub within {timeout:g} s"
    # control: rapaio's control thread serves any request type (one handler map for both channels) and
    # replies through the shell socket. Not an interrupt: rapaio 3.0.1 loses System.out after one.
    msg = session.send(s["control"], "kernel_info_request", {})
    if not recv_until(s["shell"], deadline, lambda m: m["parent_header"].get("msg_id") == msg["msg_id"], session):
        return f"no reply to a kernel_info_request on control within {timeout:g} s"
    if not recv_until(s["iopub"], deadline, lambda m: m["parent_header"].get("msg_id") == msg["msg_id"]
                      and m["content"].get("execution_state") == "idle", session):
        return f"no idle status after the request on control within {timeout:g} s"
    return None


def relay(ctx, public, attempt):
    """Binds Jupyter's ports and relays frames both ways until the kernel exits; returns its status."""
    pairs = {}
    for name in ("shell", "control", "stdin", "hb"):
        front = ctx.socket(zmq.ROUTER)
        front.linger = 1000
        front.bind(f"{public['transport']}://{public['ip']}:{public[name + '_port']}")
        pairs[front] = attempt.sockets[name]
        pairs[attempt.sockets[name]] = front
    iopub = ctx.socket(zmq.PUB)
    iopub.linger = 1000
    iopub.bind(f"{public['transport']}://{public['ip']}:{public['iopub_port']}")
    pairs[attempt.sockets["iopub"]] = iopub
    poller = zmq.Poller()
    for sock in pairs:
        if sock is not iopub:
            poller.register(sock, zmq.POLLIN)
    status = None
    while True:
        events = dict(poller.poll(200))
        for sock in events:
            pairs[sock].send_multipart(sock.recv_multipart(copy=False), copy=False)
        if status is None:
            status = attempt.process.poll()
            if status is not None:
                # forward what the kernel sent last (its shutdown_reply), then stop
                deadline = time.monotonic() + 0.3
                continue
        elif not events or time.monotonic() > deadline:
            return status


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("connection_file")
    p.add_argument("--probe-timeout", type=float, default=float(os.environ.get("KERNEL_PROBE_TIMEOUT", 5)),
                   help="seconds a fresh JVM has to answer on every channel once its ports are bound "
                        "(default 5; env KERNEL_PROBE_TIMEOUT)")
    p.add_argument("--bind-timeout", type=float, default=120,
                   help="seconds a fresh JVM has to bind its ports (default 120)")
    p.add_argument("--attempts", type=int, default=10, help="JVMs started before giving up (default 10)")
    p.add_argument("command", nargs=argparse.REMAINDER,
                   help="-- the kernel's command, to which the supervisor appends its own connection file")
    args = p.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        p.error("no kernel command after --")
    with open(args.connection_file) as f:
        public = json.load(f)
    if public.get("transport", "tcp") != "tcp":
        sys.exit(f"kernel-supervisor: transport '{public['transport']}' in {args.connection_file}: only tcp is supported")
    session = Session(key=public.get("key", "").encode(), signature_scheme=public.get("signature_scheme", "hmac-sha256"))

    current = {}

    def terminate(signum, _frame):
        if "attempt" in current:
            current["attempt"].process.terminate()
        sys.exit(128 + signum)

    signal.signal(signal.SIGTERM, terminate)
    # and the supervisor (with its kernel) ends when the process that started it dies without shutting it down
    signal_on_parent_death(signal.SIGTERM)
    # interrupts come as messages (kernelspec interrupt_mode); a Ctrl-C in the terminal that runs the
    # notebook server must not kill the relay, while the kernel handles its own SIGINT as before
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    ctx = zmq.Context()
    with tempfile.TemporaryDirectory(prefix="kernel-supervisor-") as workdir:
        for number in range(1, args.attempts + 1):
            started = time.monotonic()
            attempt = current["attempt"] = Attempt(ctx, public, command, workdir, number)
            problem = wait_bound(attempt, args.bind_timeout)
            if problem is None:
                bound = time.monotonic()
                problem = probe(attempt, session, args.probe_timeout)
            if problem is None:
                # the probe's last status messages are not for Jupyter's clients
                recv_until(attempt.sockets["iopub"], time.monotonic() + 0.1, lambda m: False)
                log(f"kernel pid {attempt.process.pid} bound its ports in {bound - started:.1f} s and answered "
                    f"on every channel {time.monotonic() - bound:.1f} s later (start {number})")
                status = relay(ctx, public, attempt)
                attempt.close(kill=False)
                sys.exit(status)
            log(f"start {number}: {problem}; killing pid {attempt.process.pid} "
                f"and starting a fresh kernel")
            attempt.close(kill=True)
    sys.exit(f"kernel-supervisor: the kernel did not answer in {args.attempts} starts: {' '.join(command)}")


if __name__ == "__main__":
    main()
