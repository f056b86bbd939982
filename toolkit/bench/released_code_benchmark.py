#!/usr/bin/env python3
"""The toolkit against the paper's released PyTorch code, on this CPU, in one run (issue 10's yardstick).

For every variant (6 kinds x SE/ME x 1x/4x, DCNv2 SE 1x first) and every round, it runs the toolkit's
`ModelBenchmark --only MODEL MODE SCALE` and the same model of the released code (thuml/Multi-Embedding, MIT; not
part of this repository: pass a checkout with --released-code) in fresh processes, one after the other, alternating
which goes first, under the same protocol: Criteo's 39 field sizes (1,086,810 rows), batch 2048, indices Zipf(1.1)
per field, random labels, W warm-up training steps and 2W inference steps (W = 3 by default; --warmup at 1x,
--heavy-warmup at 4x), then 5 training windows of 3 steps at 1x and 1 step at 4x and 5 inference windows of 2 steps
(--infer-steps, --heavy-infer-steps); a variant's rate is its median window. The toolkit's JIT keeps speeding it up
long after 3 steps, PyTorch's rates do not move with warm-up: a longer warm-up at 1x, where steps are cheap, measures
both sides as a real training run has them after its first seconds. Training is the released
code's step: BCE on the sigmoid output, backward, Adam (lr 1e-3, coupled weight decay 1e-6) over every parameter,
dense gradients of the tables (every row updated). Inference is model.eval() under torch.no_grad().

It prints, per variant, the median over rounds of each side's rates, the toolkit/PyTorch ratio of every round
(median, min-max) and each side's rate over its own DCNv2 SE 1x training rate, and the peak resident sets. Not a
test: it asserts nothing. Needs Debian's python3-torch (1.13, as issue 10's table) and a built toolkit:

    mvn -o -q -pl toolkit dependency:build-classpath -Dmdep.outputFile=/tmp/cp-zoo.txt
    OMP_NUM_THREADS=2 LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 \\
        python3 toolkit/bench/released_code_benchmark.py --released-code /path/to/Multi-Embedding \\
        --java "java -Xmx6g -cp toolkit/target/classes:$(cat /tmp/cp-zoo.txt)" [--rounds 3] [--only MODEL MODE SCALE ...]

Both sides get the same environment (OMP_NUM_THREADS, LD_PRELOAD); PyTorch takes its thread count from
OMP_NUM_THREADS as ND4J does. PyTorch's matrix products run in the system's BLAS (install libopenblas0 beside
python3-torch, else Debian's reference BLAS is used); where OPENBLAS_CORETYPE forces an older kernel set than the CPU
has, unset it (and OPENBLAS_L2_SIZE) for this command, so that the reference runs at its best: every PyTorch line says
which kernel set ran. ND4J's products do not go through that OpenBLAS (its in-run GEMM rate is the same either way).

Model classes (main.py's get_model): DNNModel / MultiDNNModel, ProductNeuralNetworkModel(method='inner') /
MultiPNNModel, NFwFMModel / MultiNFwFMModel (K_base 50), XDeepFM / MultiXDeepFM (CIN 16, 16), CrossNetworkV2Model /
MultiDCNnew2 (4 layers), FinalMLP / MultiFinalMLP; MLP (400, 400), dropout 0.2. "n x" is SE with K = n * K_base and ME
with n sets of K_base, as in the toolkit (main.py's 'ipnn-20'..'ipnn-100' build K = 10; this builds K = n * 10).
"""
import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import time

CRITEO_FIELD_DIMS = [49, 101, 126, 45, 223, 118, 84, 76, 95, 9, 30, 40, 75, 1458, 555, 193949,
                     138801, 306, 19, 11970, 634, 4, 42646, 5178, 192773, 3175, 27, 11422, 181075, 11, 4654, 2032, 5,
                     189657, 18, 16, 59697, 86, 45571]
KINDS = ["DNN", "IPNN", "NFWFM", "XDEEPFM", "DCNV2", "FINALMLP"]
BASE_K = {"NFWFM": 50}
BATCH = 2048
POOL = 8
RESULT = "RESULT "


def variants(only):
    """The reference DCNv2 SE 1x first, then the --only variants, or all 24."""
    vs = [("DCNV2", "SE", 1)]
    for v in only or [(kind, mode, scale) for scale in (1, 4) for kind in KINDS for mode in ("SE", "ME")]:
        if tuple(v) not in vs:
            vs.append(tuple(v))
    return vs


def label(v):
    return f"{v[0]} {v[1]} {v[2]}x"


# ---------------------------------------------------------------------------------------------------- PyTorch side

def build(kind, mode, scale, released_code):
    sys.path.insert(0, released_code)
    import torchfm.layer
    # fwfm.py imports a name that torchfm/layer.py in the release does not define (and never uses it)
    if not hasattr(torchfm.layer, "FeaturesEmbeddingMultiDevice"):
        torchfm.layer.FeaturesEmbeddingMultiDevice = torchfm.layer.FeaturesEmbedding
    from torchfm.model.awesome import MultiDCNnew2
    from torchfm.model.dcnv2 import CrossNetworkV2Model
    from torchfm.model.finalmlp import FinalMLP, MultiFinalMLP
    from torchfm.model.fwfm import MultiNFwFMModel, NFwFMModel
    from torchfm.model.mwd import DNNModel, MultiDNNModel
    from torchfm.model.pnn import MultiPNNModel, ProductNeuralNetworkModel
    from torchfm.model.xdfm import MultiXDeepFM, XDeepFM

    mlp = (400, 400)
    se, me, kwargs = {   # per kind: main.py's SE class, its ME class, the arguments they share
        "DNN": (DNNModel, MultiDNNModel, dict(mlp_dims=mlp, dropout=0.2)),
        "IPNN": (ProductNeuralNetworkModel, MultiPNNModel, dict(mlp_dims=mlp, method="inner", dropout=0.2)),
        "NFWFM": (NFwFMModel, MultiNFwFMModel, dict(mlp_dims=mlp, dropouts=(0.2, 0.2))),
        "XDEEPFM": (XDeepFM, MultiXDeepFM, dict(mlp_dims=mlp, dropout=0.2, cross_layer_sizes=(16, 16))),
        "DCNV2": (CrossNetworkV2Model, MultiDCNnew2, dict(num_layers=4, mlp_dims=mlp, dropout=0.2)),
        "FINALMLP": (FinalMLP, MultiFinalMLP, dict(mlp_dims=mlp, fs_mlp_dims=(800,), dropout=0.2)),
    }[kind]
    k = BASE_K.get(kind, 10)
    if mode == "SE":
        return se(CRITEO_FIELD_DIMS, embed_dim=k * scale, **kwargs)
    return me(CRITEO_FIELD_DIMS, embed_dims=[k] * scale, **kwargs)


def batches(count, seed):
    """Batches drawn as ModelBenchmark draws its own (the same distribution, another generator): per field a Zipf(1.1)
    rank spread over the field's rows by the same multiplier; labels 0/1 at random."""
    import numpy as np
    import torch
    rnd = np.random.default_rng(seed)
    cdfs = []
    for card in CRITEO_FIELD_DIMS:
        c = np.cumsum(np.arange(1, card + 1, dtype=np.float64) ** -1.1)
        cdfs.append(c / c[-1])
    out = []
    for _ in range(count):
        cols = []
        for card, cdf in zip(CRITEO_FIELD_DIMS, cdfs):
            rank = np.minimum(np.searchsorted(cdf, rnd.random(BATCH)), card - 1)
            cols.append((rank * 2_654_435_761) % card)
        x = torch.from_numpy(np.stack(cols, axis=1).astype(np.int64))
        y = torch.from_numpy(rnd.integers(0, 2, BATCH).astype(np.float32))
        out.append((x, y))
    return out


def openblas_core():
    """The OpenBLAS kernel set PyTorch's BLAS runs (OPENBLAS_CORETYPE forces one), or what else the BLAS is."""
    import ctypes
    try:
        lib = ctypes.CDLL("libopenblas.so.0")
        lib.openblas_get_corename.restype = ctypes.c_char_p
        return "OpenBLAS " + lib.openblas_get_corename().decode()
    except OSError:
        return "not OpenBLAS"


def vm_hwm():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return -1


def measure(v, o):
    import torch
    torch.manual_seed(1)
    pool = batches(POOL, 42)
    model = build(*v, o.released_code)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-6)
    criterion = torch.nn.BCELoss()

    def fit(batch):
        model.train()
        x, y = batch
        loss = criterion(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        return loss.item()

    def predict(batch):
        model.eval()
        with torch.no_grad():
            return model(batch[0])

    steps, infer_steps, warmup = (o.heavy_steps, o.heavy_infer_steps, o.heavy_warmup) if v[2] > 1 else (o.steps, o.infer_steps, o.warmup)
    nxt = 0
    for _ in range(warmup):
        fit(pool[nxt % POOL])
        nxt += 1
    for i in range(max(1, warmup) * infer_steps):
        predict(pool[i % POOL])
    train, infer = [], []
    for _ in range(o.windows):
        s = time.perf_counter()
        for _ in range(steps):
            loss = fit(pool[nxt % POOL])
            nxt += 1
        train.append(steps * BATCH / (time.perf_counter() - s))
    for w in range(o.windows):
        s = time.perf_counter()
        for i in range(infer_steps):
            p = predict(pool[(w * infer_steps + i) % POOL])
            if not bool(((p >= 0) & (p <= 1)).all()):
                raise SystemExit(f"{label(v)}: a prediction is not a probability")
        infer.append(infer_steps * BATCH / (time.perf_counter() - s))
    return {"train": statistics.median(train), "train_windows": train, "infer": statistics.median(infer),
            "infer_windows": infer, "hwm": vm_hwm(), "threads": torch.get_num_threads(), "blas": openblas_core(), "last_loss": loss,
            "parameters": sum(p.numel() for p in model.parameters())}


# ---------------------------------------------------------------------------------------------------------- driver

def run(cmd, timeout):
    """Runs one child; returns its RESULT line's payload, or an error string."""
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout} s"
    lines = (p.stdout + p.stderr).splitlines()
    result = next((l for l in reversed(lines) if l.startswith(RESULT)), None)
    if p.returncode != 0 or result is None:
        why = next((l for l in lines if "Exception" in l or "Error" in l), lines[-1] if lines else "(no output)")
        return None, f"exit {p.returncode}: {why.strip()}"
    return result[len(RESULT):], None


def protocol(o):
    """The windows, steps and warm-up, as both sides' command lines take them."""
    return ["--windows", str(o.windows), "--steps-per-window", str(o.steps), "--heavy-steps", str(o.heavy_steps),
            "--infer-steps", str(o.infer_steps), "--heavy-infer-steps", str(o.heavy_infer_steps),
            "--warmup", str(o.warmup), "--heavy-warmup", str(o.heavy_warmup)]


def pytorch_child(v, o):
    cmd = [sys.executable, os.path.abspath(__file__), "--released-code", o.released_code, "--child", *map(str, v)] + protocol(o)
    payload, err = run(cmd, o.timeout)
    return (json.loads(payload), None) if payload else (None, err)


def toolkit_child(v, o):
    cmd = shlex.split(o.java) + ["org.collapselab.bench.ModelBenchmark"] + protocol(o) + ["--only", *map(str, v)]
    payload, err = run(cmd, o.timeout)
    if not payload:
        return None, err
    p = payload.split(";")   # ModelBenchmark.Measured.encode
    return {"train": float(p[1]), "infer": float(p[3]), "hwm": int(p[8])}, None


def drive(o):
    vs = variants(o.only)
    print(f"released-code benchmark: {len(vs)} variants x {o.rounds} rounds, toolkit and PyTorch alternating; batch {BATCH},"
          f" warm-up {o.warmup} (1x) / {o.heavy_warmup} (4x), {o.windows} windows of {o.steps} (1x) / {o.heavy_steps} (4x) training steps and"
          f" {o.infer_steps} (1x) / {o.heavy_infer_steps} (4x) inference steps; OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS')}"
          f" LD_PRELOAD={os.environ.get('LD_PRELOAD')}", flush=True)
    results = {v: {"toolkit": {}, "pytorch": {}} for v in vs}   # per variant and side: round -> measurement
    start = time.time()
    for r in range(o.rounds):
        for v in vs:
            order = ("toolkit", "pytorch") if r % 2 == 0 else ("pytorch", "toolkit")
            for side in order:
                t0 = time.time()
                m, err = (toolkit_child if side == "toolkit" else pytorch_child)(v, o)
                if err:
                    print(f"  round {r + 1} {label(v):14} {side:8} FAILED: {err}", flush=True)
                    continue
                results[v][side][r] = m
                print(f"  round {r + 1} {label(v):14} {side:8} train {m['train']:9,.0f}/s  infer {m['infer']:10,.0f}/s"
                      f"  peak RSS {m['hwm'] / 1e6:6,.0f} MB  ({time.time() - t0:.0f} s)"
                      + (f"  torch {m['threads']} threads, {m['blas']}" if side == "pytorch" else ""), flush=True)
    report(vs, results, o.rounds)
    print(f"total wall time {(time.time() - start) / 60:.1f} min")


def med(ms, key):
    return statistics.median(m[key] for m in ms.values()) if ms else float("nan")


def report(vs, results, rounds):
    ref = {side: med(results[vs[0]][side], "train") for side in ("toolkit", "pytorch")}
    print()
    print(f"Medians over {rounds} round(s); 'toolkit / PyTorch' is the per-round ratio (median, min-max over rounds whose"
          " both sides ran); '× ref' is a rate over the same side's DCNv2 SE 1x training median"
          f" (toolkit {ref['toolkit']:,.0f}/s, PyTorch {ref['pytorch']:,.0f}/s)")
    print("| variant | toolkit train/s | PyTorch train/s | toolkit / PyTorch | × ref toolkit / PyTorch | toolkit infer/s"
          " | PyTorch infer/s | toolkit / PyTorch | × ref toolkit / PyTorch | peak RSS MB toolkit / PyTorch |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for v in vs:
        t, p = results[v]["toolkit"], results[v]["pytorch"]
        cells = [label(v).replace("x", "×")]
        for key in ("train", "infer"):
            ratios = [t[r][key] / p[r][key] for r in t.keys() & p.keys()]
            r = (f"{statistics.median(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f})" + (" ✓" if statistics.median(ratios) >= 1 else " ✗")
                 if ratios else "n/a")
            cells += [f"{med(t, key):,.0f}", f"{med(p, key):,.0f}", r,
                      f"{med(t, key) / ref['toolkit']:.2f} / {med(p, key) / ref['pytorch']:.2f}"]
        cells.append(f"{max((m['hwm'] for m in t.values()), default=0) / 1e6:,.0f} / {max((m['hwm'] for m in p.values()), default=0) / 1e6:,.0f}")
        print("| " + " | ".join(cells) + " |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--released-code", required=True, help="a checkout of thuml/Multi-Embedding (the directory holding torchfm/)")
    ap.add_argument("--java", default="java -Xmx6g -cp toolkit/target/classes",
                    help="the JVM command line, classpath included, that runs the toolkit's ModelBenchmark")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--windows", type=int, default=5)
    ap.add_argument("--steps-per-window", dest="steps", type=int, default=3)
    ap.add_argument("--heavy-steps", type=int, default=1)
    ap.add_argument("--infer-steps", type=int, default=2)
    ap.add_argument("--heavy-infer-steps", type=int, help="inference steps per window at 4x (default: --infer-steps)")
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--heavy-warmup", type=int, help="warm-up training steps at 4x (default: --warmup)")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per child process")
    ap.add_argument("--only", nargs=3, action="append", metavar=("MODEL", "MODE", "SCALE"),
                    help="a variant to run (repeatable); DCNv2 SE 1x, the reference, always runs first")
    ap.add_argument("--child", nargs=3, metavar=("MODEL", "MODE", "SCALE"), help=argparse.SUPPRESS)
    o = ap.parse_args()
    if not os.path.isdir(os.path.join(o.released_code, "torchfm")):
        ap.error(f"--released-code {o.released_code}: no torchfm/ there (a checkout of thuml/Multi-Embedding is needed)")
    for v in (o.only or []) + ([o.child] if o.child else []):
        v[0], v[1] = v[0].upper(), v[1].upper()
        if v[0] not in KINDS or v[1] not in ("SE", "ME") or not v[2].isdigit() or int(v[2]) < 1:
            ap.error(f"MODEL MODE SCALE must be one of {KINDS}, SE or ME, and a positive integer; got {' '.join(v)}")
        v[2] = int(v[2])
    o.heavy_infer_steps = o.infer_steps if o.heavy_infer_steps is None else o.heavy_infer_steps
    o.heavy_warmup = o.warmup if o.heavy_warmup is None else o.heavy_warmup
    if min(o.rounds, o.windows, o.steps, o.heavy_steps, o.infer_steps, o.heavy_infer_steps) < 1 or min(o.warmup, o.heavy_warmup) < 0:
        ap.error("rounds, windows and steps must be >= 1, warmup >= 0")
    if o.child:
        print(RESULT + json.dumps(measure(tuple(o.child), o)), flush=True)
    else:
        drive(o)


if __name__ == "__main__":
    main()
