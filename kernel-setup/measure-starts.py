#!/usr/bin/python3
"""Counts kernel starts that hang: N plain starts through jupyter_client, no retries.

Each start: KernelManager.start_kernel(), one client, ONE kernel_info_request on shell, then one
execute_request ("1 + 1") whose reply and idle status must come; then the kernel is shut down (kill
if shutdown does not finish). Nothing is re-sent: a lost request is a hang, as it is for a person
whose notebook never becomes idle. A start whose kernel_info_reply takes longer than --timeout is
counted as slow, one with no answer within --give-up as hung.

  /usr/bin/python3 kernel-setup/measure-starts.py --count 100                  # the kernelspec as installed
  /usr/bin/python3 kernel-setup/measure-starts.py --count 100 --unsupervised   # the bare JVM command in it

A benchmark, not a test: it is not part of the test command (the browser test covers starts there).
"""
import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SPEC_ROOT = REPO / "build" / "jupyter"
os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(SPEC_ROOT), os.environ.get("JUPYTER_PATH")]))

from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402
from jupyter_client.manager import KernelManager  # noqa: E402


def unsupervised_spec(spec_dir, root):
    """A copy of the kernelspec that runs the JVM directly (what rapaio 3.0.1 does on its own)."""
    spec = json.loads((spec_dir / "kernel.json").read_text())
    argv = spec["argv"]
    if "--" in argv:
        argv = argv[argv.index("--") + 1:] + ["{connection_file}"]
    spec["argv"] = argv
    target = Path(root) / "kernels" / "java-bare"
    target.mkdir(parents=True)
    (target / "kernel.json").write_text(json.dumps(spec))
    os.environ["JUPYTER_PATH"] = os.pathsep.join([root, os.environ["JUPYTER_PATH"]])
    return "java-bare"


def reply_to(get_msg, msg_id, deadline):
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        try:
            msg = get_msg(timeout=left)
        except Exception:  # queue.Empty
            return None
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def one_start(name, timeout, log):
    km = KernelManager(kernel_name=name)
    started = time.monotonic()
    km.start_kernel(stdout=log, stderr=log)
    kc = km.client()
    kc.start_channels()
    deadline = started + timeout
    try:
        info = kc.kernel_info()
        if reply_to(kc.get_shell_msg, info, deadline) is None:
            return None, "no kernel_info_reply"
        ready = time.monotonic() - started
        ex = kc.execute("1 + 1")
        reply = reply_to(kc.get_shell_msg, ex, deadline)
        if reply is None:
            return None, "no execute_reply"
        if reply["content"]["status"] != "ok":
            return None, f"execute failed: {reply['content']}"
        while True:  # idle on iopub after the execution
            msg = reply_to(kc.get_iopub_msg, ex, deadline)
            if msg is None:
                return None, "no idle status on iopub"
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return ready, None
    finally:
        kc.stop_channels()
        try:
            km.shutdown_kernel(now=False)
        except Exception:
            km.shutdown_kernel(now=True)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--count", type=int, default=100)
    p.add_argument("--timeout", type=float, default=30,
                   help="seconds from start to kernel_info_reply within which a start counts as good (default 30)")
    p.add_argument("--give-up", type=float, default=120,
                   help="a start past --timeout is still watched this long, to tell a slow start from a hang (default 120)")
    p.add_argument("--unsupervised", action="store_true", help="run the JVM command without kernel-supervisor.py")
    p.add_argument("--kernel", default="java")
    p.add_argument("--log", type=Path, default=REPO / "build" / "measure-starts.log", help="kernels' output")
    args = p.parse_args()
    spec_dir = Path(KernelSpecManager().get_kernel_spec(args.kernel).resource_dir)
    with tempfile.TemporaryDirectory() as root, open(args.log, "w") as log:
        name = unsupervised_spec(spec_dir, root) if args.unsupervised else args.kernel
        times, hangs, slow = [], [], []
        t0 = time.monotonic()
        for i in range(1, args.count + 1):
            print(f"--- start {i}", file=log, flush=True)
            ready, problem = one_start(name, max(args.timeout, args.give_up), log)
            if problem:
                hangs.append(i)
                print(f"start {i}/{args.count}: HANG ({problem} within {args.give_up:g} s)", flush=True)
            else:
                times.append(ready)
                if ready > args.timeout:
                    slow.append(i)
                print(f"start {i}/{args.count}: kernel_info_reply after {ready:.2f} s"
                      + (f" (SLOW: past {args.timeout:g} s)" if ready > args.timeout else ""), flush=True)
        what = "bare JVM (rapaio 3.0.1 as is)" if args.unsupervised else f"kernelspec '{args.kernel}' ({spec_dir})"
        print(f"{what}: {len(hangs)} of {args.count} starts hung (no answer within {args.give_up:g} s)"
              + (f": starts {hangs}" if hangs else "")
              + f"; {len(slow)} more answered only after {args.timeout:g} s" + (f": starts {slow}" if slow else ""))
        if times:
            q = statistics.quantiles(times, n=20) if len(times) > 1 else times * 19
            print(f"  time to kernel_info_reply over {len(times)} good starts: median {statistics.median(times):.2f} s, "
                  f"95th percentile {q[18]:.2f} s, max {max(times):.2f} s; whole run {time.monotonic() - t0:.0f} s")
    sys.exit(1 if hangs else 0)


if __name__ == "__main__":
    main()
