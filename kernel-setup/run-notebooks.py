#!/usr/bin/python3
"""Execute notebooks headlessly with the Java kernel that kernel-setup/install.sh set up.

Each notebook runs in a fresh kernel, in its own folder (as Jupyter would run it). The executed
notebook (outputs included, also when a cell failed) goes to --out, and with --html DIR an HTML
rendering too; the kernel's own log goes next to the executed notebook. Exits 1 when any cell of
any notebook fails or times out, after running them all.

While a notebook runs it prints each code cell as it starts (its number among the code cells, its
number among all cells, its first line), the time it took, and what the cell prints and its progress
lines as they come (a progress line that updates in place is printed at most every --progress-every
seconds, and its last state when the next one starts or the cell ends).

Runs with Debian's /usr/bin/python3 (nbclient 0.7, nbconvert 6.5) or a conda environment's python.
"""
import argparse
import os
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SPEC_ROOT = REPO / "build" / "jupyter"
# the kernelspec's home must be on JUPYTER_PATH before jupyter_client looks for kernels
os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(SPEC_ROOT), os.environ.get("JUPYTER_PATH")]))

try:
    import nbformat
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_client.session import Session
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
except ImportError as e:
    sys.exit(f"run-notebooks.py: {e} in {sys.executable}; use /usr/bin/python3 after kernel-setup/install.sh, "
             "or the python of the conda environment (environment.yml)")

PROFILES = ("smoke", "default", "full")
PATH_VARIABLES = ("COLLAPSELAB_DATA", "COLLAPSELAB_OUT", "COLLAPSELAB_CRITEO", "COLLAPSELAB_AVAZU")


class RetryingKernelManager(AsyncKernelManager):
    """Starts a kernel and checks it answers before handing it over, restarting it until it does.

    The kernelspec's kernel-supervisor.py already restarts a rapaio JVM that hangs at start-up (see
    kernel-setup/README.md); this is a second line of defence, for a kernelspec without it or a
    supervisor that gives up. Its limit is generous: the supervisor's own start, restarts included,
    takes well over 15 s on a busy machine, and replacing it then would only start over.
    """

    ready_timeout = 120.0
    max_attempts = 5
    log_file = None  # where the kernel process's stdout/stderr go

    async def start_kernel(self, **kw):
        if self.log_file is not None:
            kw.setdefault("stdout", self.log_file)
            kw.setdefault("stderr", self.log_file)
        for attempt in range(1, self.max_attempts + 1):
            await super()._async_start_kernel(**kw)
            # The probe needs its own session (its own ZMQ identity): the kernel's ROUTER socket
            # silently ignores a new peer reusing the identity of one that just disconnected.
            probe = self.client(session=Session(key=self.session.key, signature_scheme=self.session.signature_scheme))
            probe.start_channels()
            try:
                await probe.wait_for_ready(timeout=self.ready_timeout)
                if attempt > 1:
                    print(f"   kernel answered on start attempt {attempt}", flush=True)
                return
            except RuntimeError as e:
                print(f"   kernel start attempt {attempt} failed ({e}); restarting it", flush=True)
            finally:
                probe.stop_channels()
            # restart=True keeps the connection file and ports for the next attempt
            await self._async_shutdown_kernel(now=True, restart=True)
        raise RuntimeError(f"kernel '{self.kernel_name}' did not answer in {self.max_attempts} starts "
                           f"of {self.ready_timeout:.0f} s each; see {getattr(self.log_file, 'name', 'its log')}")


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog="COLLAPSELAB_* variables in the environment reach the notebooks; "
                                       "relative paths in them are taken from the current directory.")
    p.add_argument("notebooks", nargs="+", type=Path, metavar="NOTEBOOK")
    p.add_argument("--out", type=Path, default=REPO / "build" / "notebooks", metavar="DIR",
                   help="folder for executed notebooks and kernel logs; also COLLAPSELAB_OUT (where notebooks "
                        "save figures) unless that is set (default: build/notebooks)")
    p.add_argument("--html", type=Path, metavar="DIR", help="also write each executed notebook as HTML into DIR")
    p.add_argument("--profile", choices=PROFILES, help="sets COLLAPSELAB_PROFILE")
    p.add_argument("--timeout", type=int, default=600, metavar="SECONDS", help="seconds one cell may run; -1: no limit (default 600)")
    p.add_argument("--start-timeout", type=float, default=RetryingKernelManager.ready_timeout, metavar="SECONDS",
                   help="seconds a fresh kernel has to answer before it is restarted (default %(default)s)")
    p.add_argument("--progress-every", type=float, default=10, metavar="SECONDS",
                   help="seconds between two prints of one progress line that updates in place (default %(default)s)")
    p.add_argument("--quiet", action="store_true", help="print one line per notebook, not its cells and outputs")
    p.add_argument("--kernel", default="java", metavar="NAME", help="kernelspec name (default java)")
    return p.parse_args()


def prepare_environment(args):
    # Kernels start in each notebook's own folder: make the user's relative paths absolute first.
    for var in PATH_VARIABLES:
        if os.environ.get(var, "").strip():
            os.environ[var] = str(Path(os.environ[var]).expanduser().resolve())
    if args.profile:
        os.environ["COLLAPSELAB_PROFILE"] = args.profile
    profile = os.environ.get("COLLAPSELAB_PROFILE", "").strip()
    if profile and profile.lower() not in PROFILES:  # fail once here rather than in every notebook
        sys.exit(f"run-notebooks.py: COLLAPSELAB_PROFILE='{profile}' is not a run profile; use one of: "
                 + " | ".join(PROFILES))
    os.environ.setdefault("COLLAPSELAB_OUT", str(args.out.resolve()))


def check(args):
    try:
        spec = KernelSpecManager().get_kernel_spec(args.kernel)
    except NoSuchKernel:
        sys.exit(f"run-notebooks.py: no kernelspec '{args.kernel}' on JUPYTER_PATH ({os.environ['JUPYTER_PATH']}); "
                 f"run kernel-setup/install.sh first")
    for nb in args.notebooks:
        if not nb.is_file():
            sys.exit(f"run-notebooks.py: no such notebook: {nb}")
    names = [nb.name for nb in args.notebooks]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        sys.exit(f"run-notebooks.py: notebooks with the same name would overwrite each other in {args.out}: {twice}")
    return spec


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def first_line(text, limit=300):
    line = next((l for l in str(text).splitlines() if l.strip()), "")
    return line if len(line) <= limit else line[:limit] + "..."


def describe(output, limit=300):
    """One line for a cell's error output: its name and message, or its traceback when the message
    is empty (the kernel reports compile errors that way)."""
    message = first_line(output.get("evalue", ""))
    if not message:
        lines = ANSI.sub("", "\n".join(output.get("traceback", []))).splitlines()
        message = "  ".join(l.strip() for l in lines if l.strip())
    message = message if len(message) <= limit else message[:limit] + "..."
    return f"{output.get('ename', 'error')}: {message}"


class CellReporter:
    """Prints a notebook's progress: each code cell's start and time, its printed text and its progress
    lines (text-only displays, which the toolkit's progress bars update in place) as they arrive."""

    PREFIX = "      | "

    def __init__(self, nb, every, out=sys.stdout, clock=time.monotonic):
        self.code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.strip()]
        self.total_cells = len(nb.cells)
        self.every = every
        self.out = out
        self.clock = clock
        self.started = None
        self.pending = {}   # display id -> its newest text not printed yet
        self.printed = {}   # display id -> when its text was last printed
        self.partial = ""   # stream text after the last newline

    def print(self, text):
        print(text, file=self.out, flush=True)

    def lines(self, text):
        for line in text.splitlines():
            if line.strip():
                self.print(self.PREFIX + line.rstrip())

    def cell_started(self, cell, cell_index):
        if cell_index not in self.code_cells:
            return
        self.started = self.clock()
        head = first_line(cell.source, 70)
        self.print(f"   [{self.code_cells.index(cell_index) + 1}/{len(self.code_cells)}] "
                   f"cell {cell_index + 1}/{self.total_cells}: {head}")

    def cell_finished(self):
        self.flush()
        if self.started is not None:
            self.print(f"      done in {self.clock() - self.started:.1f} s")
            self.started = None

    def flush(self, keep=None):
        if self.partial:
            self.lines(self.partial)
            self.partial = ""
        for display_id in [d for d in self.pending if d != keep]:
            self.lines(self.pending.pop(display_id))

    def message(self, msg):
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            for display_id in list(self.pending):  # in the order things happened
                self.lines(self.pending.pop(display_id))
            text = self.partial + content.get("text", "")
            head, _, self.partial = text.rpartition("\n")
            if head:
                self.lines(head)
        elif kind in ("display_data", "update_display_data"):
            data = content.get("data", {})
            if set(data) != {"text/plain"}:
                return  # charts and tables: in the executed notebook
            display_id = content.get("transient", {}).get("display_id") or msg["header"]["msg_id"]
            self.flush(keep=display_id)  # the previous bar's last state first
            now = self.clock()
            if now - self.printed.get(display_id, -self.every) >= self.every:
                self.pending.pop(display_id, None)
                self.printed[display_id] = now
                self.lines(data["text/plain"])
            else:
                self.pending[display_id] = data["text/plain"]
        elif kind in ("execute_result", "error"):
            self.flush()


class ReportingNotebookClient(NotebookClient):
    """nbclient's client, showing each kernel message to a CellReporter before processing it."""

    reporter = None

    def process_message(self, msg, cell, cell_index):
        if self.reporter is not None:
            self.reporter.message(msg)
        return super().process_message(msg, cell, cell_index)


def run_one(path, args):
    """Executes one notebook; returns (error message or None, seconds)."""
    nb = nbformat.read(path, as_version=4)
    log_path = args.out / (path.stem + ".kernel.log")
    current = {}  # the cell being executed, for the error message
    reporter = None if args.quiet else CellReporter(nb, args.progress_every)
    if reporter:
        print(f"   {len(reporter.code_cells)} code cells of {reporter.total_cells}; kernel log: {log_path}", flush=True)

    def on_cell_start(cell, cell_index, **_):
        if reporter:
            reporter.cell_finished()
            reporter.cell_started(cell, cell_index)
        current["index"] = cell_index

    started = time.monotonic()
    error = None
    with open(log_path, "w") as log:
        # Settings go on the class: nbclient shuts down only kernels whose manager it created itself.
        RetryingKernelManager.log_file = log
        RetryingKernelManager.ready_timeout = args.start_timeout
        client = ReportingNotebookClient(nb, timeout=args.timeout, kernel_name=args.kernel,
                                kernel_manager_class=RetryingKernelManager, on_cell_start=on_cell_start,
                                resources={"metadata": {"path": str(path.parent.resolve())}})
        client.reporter = reporter
        try:
            client.execute()
            # A kernel may publish an error and still reply "ok": rapaio 3.0.1 does so for a failing cell inside
            # `%load setup.ipynb`. Such a notebook has failed too.
            failed = [i for i, c in enumerate(nb.cells) if any(o.get("output_type") == "error" for o in c.get("outputs", []))]
            if failed:
                current["index"] = failed[0]
                error = next(describe(o) for o in nb.cells[failed[0]].outputs if o.get("output_type") == "error")
        except CellTimeoutError:
            error = f"ran past --timeout {args.timeout} s"
        except CellExecutionError as e:
            # the full traceback is in the executed notebook; one line here
            outputs = nb.cells[current["index"]].get("outputs", []) if "index" in current else []
            error = next((describe(o) for o in outputs if o.get("output_type") == "error"), first_line(e))
        except DeadKernelError as e:
            error = f"the kernel died ({first_line(e)}); see {log_path}"
        except RuntimeError as e:
            error = first_line(e)
        finally:
            if reporter:
                reporter.cell_finished()
    seconds = time.monotonic() - started
    if error and "index" in current:
        error = f"cell {current['index'] + 1}: {error}"
    nbformat.write(nb, args.out / path.name)
    if args.html:
        from nbconvert import HTMLExporter
        body, _ = HTMLExporter().from_notebook_node(nb)
        (args.html / (path.stem + ".html")).write_text(body, encoding="utf-8")
    return error, seconds


def main():
    args = parse_args()
    prepare_environment(args)
    spec = check(args)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.html:
        args.html.mkdir(parents=True, exist_ok=True)
    print(f"kernel '{args.kernel}': {spec.display_name} ({spec.resource_dir})")
    print(f"profile={os.environ.get('COLLAPSELAB_PROFILE', 'default')}  COLLAPSELAB_OUT={os.environ['COLLAPSELAB_OUT']}")
    failures = []
    total = time.monotonic()
    for path in args.notebooks:
        print(f"== {path}", flush=True)
        error, seconds = run_one(path, args)
        if error:
            failures.append(path)
            print(f"   FAILED after {seconds:.1f} s: {error}", flush=True)
        else:
            print(f"   ok in {seconds:.1f} s", flush=True)
    where = f"{args.out}" + (f", HTML in {args.html}" if args.html else "")
    print(f"{len(args.notebooks) - len(failures)}/{len(args.notebooks)} notebooks ran without errors "
          f"in {time.monotonic() - total:.1f} s; executed notebooks in {where}", flush=True)
    if failures:
        print("failed: " + " ".join(str(f) for f in failures), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
