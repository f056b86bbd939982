"""Writes the collapse-report test fixtures with the real producers (PyTorch's torch.save, NumPy's savez), and
expected.json: each case's collapse measures per field as NumPy computes them (float64 SVD), for
TensorFileTest and CollapseReportCommandTest to compare against.

    /usr/bin/python3 make_fixtures.py OUT_DIR
    /usr/bin/python3 make_fixtures.py --criteo-demo FILE    # README's example: the released DCNv2's layout at Criteo's size

Deterministic: the same torch and numpy write the same arrays and numbers (the committed copy is regenerated and
compared wherever torch is present). Needs Debian's python3-torch and python3-numpy.
"""
import json
import os
import struct
import sys

import numpy as np
import torch
from torch import nn

NUMERICAL_RANK_TOLERANCE = 1e-3   # NumericalRank.DEFAULT_TOLERANCE
ALPHA_ZERO = 1e-7                 # PowerLawDecay.ZERO
K = 6
SIZES = [40, 13, 9]               # three fields of one concatenated table, as the paper's released code has it


def planted_table(seed, sizes, k, ranks):
    """Rows of each field spread over `rank` directions, plus a little noise (no exactly-zero singular values)."""
    g = np.random.default_rng(seed)
    parts = []
    for rows, rank in zip(sizes, ranks):
        basis = g.standard_normal((rank, k))
        parts.append(g.standard_normal((rows, rank)) @ basis + 0.05 * g.standard_normal((rows, k)))
    return np.concatenate(parts).astype(np.float32)


class PaperEmbedding(nn.Module):          # the released code's EmbeddingLayer: one nn.Embedding of all fields
    def __init__(self, rows, k):
        super().__init__()
        self.embedding = nn.Embedding(rows, k)


class DCNv2(nn.Module):                   # the released DCNv2's module names: embedding, cross, mlp (small)
    def __init__(self, sizes, k):
        super().__init__()
        fk = len(sizes) * k
        self.embedding = PaperEmbedding(sum(sizes), k)
        self.cross = nn.ModuleList([nn.Linear(fk, fk) for _ in range(2)])
        self.mlp = nn.Sequential(nn.Linear(fk, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 1))


class MultiEmbedding(nn.Module):          # M independent tables, as a multi-embedding model keeps them
    def __init__(self, sizes, k, sets):
        super().__init__()
        self.embeddings = nn.ModuleList([nn.Embedding(sum(sizes), k) for _ in range(sets)])
        self.head = nn.Linear(len(sizes) * k, 1)


def spectrum(a, unit):
    a = a.astype(np.float64)
    if unit:
        n = np.linalg.norm(a, axis=1, keepdims=True)
        a = np.divide(a, n, out=np.zeros_like(a), where=n > 0)
    return np.linalg.svd(a, compute_uv=False)


def measures(s):
    p = s / s.sum()
    p = p[p > 0]
    keep = s > ALPHA_ZERO * s[0]
    i = np.arange(1, len(s) + 1)[keep]
    slope = np.polyfit(np.log(i), np.log(s[keep] ** 2), 1)[0] if keep.sum() >= 2 else float("nan")
    return {"ia": s.sum() / s.max(), "effective_rank": float(np.exp(-(p * np.log(p)).sum())),
            "stable_rank": float((s ** 2).sum() / s.max() ** 2),
            "numerical_rank": int((s > NUMERICAL_RANK_TOLERANCE * s.max()).sum()), "alpha": float(-slope)}


def per_field(table, sizes):
    out = {"normalized": [], "raw": []}
    start = 0
    for rows in sizes:
        block = table[start:start + rows]
        out["normalized"].append({k: float(v) for k, v in measures(spectrum(block, True)).items()})
        out["raw"].append({k: float(v) for k, v in measures(spectrum(block, False)).items()})
        start += rows
    return out


def main(out):
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    expected = []

    def case(file, key, table, sizes):
        expected.append({"file": file, "key": key, "shape": list(table.shape), "sizes": sizes,
                         "values_sha_f32": None, "measures": per_field(table, sizes)})

    # 1. the paper's released DCNv2 layout: state_dict["embedding.embedding.weight"], all fields in one table
    model = DCNv2(SIZES, K)
    table = planted_table(1, SIZES, K, [1, 3, 6])
    with torch.no_grad():
        model.embedding.embedding.weight.copy_(torch.from_numpy(table))
    torch.save(model.state_dict(), os.path.join(out, "dcnv2_state_dict.pt"))
    case("dcnv2_state_dict.pt", "embedding.embedding.weight", table, SIZES)

    # 2. a checkpoint dict holding the state_dict (and an optimizer's state, with tensors in lists)
    opt = torch.optim.Adam(model.parameters())
    torch.save({"epoch": 3, "model_state_dict": model.state_dict(), "optimizer_state_dict": opt.state_dict()},
               os.path.join(out, "checkpoint.pt"))
    case("checkpoint.pt", "model_state_dict.embedding.embedding.weight", table, SIZES)

    # 3. a multi-embedding model: M = 3 tables, chosen by a pattern
    me = MultiEmbedding(SIZES, K, 3)
    for m, emb in enumerate(me.embeddings):
        t = planted_table(10 + m, SIZES, K, [2, 2, 5])
        with torch.no_grad():
            emb.weight.copy_(torch.from_numpy(t))
        case("me_state_dict.pt", "embeddings.%d.weight" % m, t, SIZES)
    torch.save(me.state_dict(), os.path.join(out, "me_state_dict.pt"))

    # 4. float16 and bfloat16 tensors (the expected numbers are those of the values they hold, widened)
    half = torch.from_numpy(planted_table(20, SIZES, K, [2, 4, 6])).half()
    bf16 = torch.from_numpy(planted_table(21, SIZES, K, [1, 5, 6])).bfloat16()
    torch.save({"emb_f16": half, "emb_bf16": bf16, "emb_f64": torch.from_numpy(table).double()},
               os.path.join(out, "half.pt"))
    case("half.pt", "emb_f16", half.float().numpy(), SIZES)
    case("half.pt", "emb_bf16", bf16.float().numpy(), SIZES)
    case("half.pt", "emb_f64", table.astype(np.float64), SIZES)

    # 5. views: a transposed (non-contiguous) tensor and one with a storage offset, sharing their base's storage
    base = torch.from_numpy(planted_table(30, [K, 62 - K], 62, [3, 40]).copy())   # 62 x 62
    transposed = base[:, :K * 1].t()                                                   # K x 62 -> strides (1, 62)
    sliced = base[5:, 3:9]                                                             # offset 5*62+3, strides (62, 1)
    torch.save({"base": base, "transposed": transposed, "sliced": sliced}, os.path.join(out, "views.pt"))
    case("views.pt", "transposed", transposed.contiguous().numpy(), [K])
    case("views.pt", "sliced", sliced.contiguous().numpy(), [57])

    # 6. NumPy's .npz, plain and compressed
    a, b = planted_table(40, SIZES, K, [1, 2, 3]), planted_table(41, SIZES, K, [6, 6, 6])
    np.savez(os.path.join(out, "tables.npz"), first=a, second=b.astype(np.float64))
    np.savez_compressed(os.path.join(out, "tables_compressed.npz"), first=a)
    case("tables.npz", "first", a, SIZES)
    case("tables.npz", "second", b, SIZES)
    case("tables_compressed.npz", "first", a, SIZES)

    # 7. .safetensors, written by the format's layout (8-byte little-endian header length, JSON header, data)
    c = planted_table(50, SIZES, K, [3, 3, 3])
    tensors = {"emb.weight": ("F32", c.tobytes(), list(c.shape)),
               "emb_bf16.weight": ("BF16", torch.from_numpy(c).bfloat16().view(torch.int16).numpy().tobytes(), list(c.shape))}
    header, blob = {"__metadata__": {"format": "pt"}}, b""
    for name, (dtype, data, shape) in tensors.items():
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(blob), len(blob) + len(data)]}
        blob += data
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(os.path.join(out, "table.safetensors"), "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + blob)
    case("table.safetensors", "emb.weight", c, SIZES)
    case("table.safetensors", "emb_bf16.weight", torch.from_numpy(c).bfloat16().float().numpy(), SIZES)

    # 8. what must be refused: the legacy (non-zip) format, NaN, a 3-D tensor
    torch.save(model.state_dict(), os.path.join(out, "legacy.pt"), _use_new_zipfile_serialization=False)
    nan = torch.from_numpy(table.copy())
    nan[17, 2] = float("nan")
    torch.save({"emb": nan, "cube": torch.zeros(2, 3, 4), "steps": torch.arange(62 * 6).reshape(62, 6)},
               os.path.join(out, "bad_tensors.pt"))
    torch.save(model, os.path.join(out, "whole_model.pt"))          # a pickled module, not a state_dict

    for e in expected:
        e.pop("values_sha_f32")
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump({"torch": torch.__version__, "numpy": np.__version__, "cases": expected}, f, indent=1)
        f.write("\n")


CRITEO_FIELD_DIMS = [49, 101, 126, 45, 223, 118, 84, 76, 95, 9, 30, 40, 75, 1458, 555, 193949, 138801, 306, 19, 11970, 634, 4,
                     42646, 5178, 192773, 3175, 27, 11422, 181075, 11, 4654, 2032, 5, 189657, 18, 16, 59697, 86, 45571]


def criteo_demo(path, k=10):
    """A state_dict in the layout of the paper's released DCNv2 (one embedding.embedding.weight of all 39 fields, offsets
    from the field sizes, 1,086,810 rows x K = 10) whose tables are planted, not trained: a field's rows spread over
    fewer directions the more rows it has (10 for the smallest fields, 2 for the largest), as the paper finds learned
    tables do. It shows what the report reads and draws at the paper's size, not a result."""
    g = np.random.default_rng(7)
    parts = []
    for rows in CRITEO_FIELD_DIMS:
        rank = int(np.clip(round(11 - 1.6 * np.log10(rows) * 1.1), 2, k))
        decay = np.exp(-np.arange(k) / rank)
        basis = np.linalg.qr(g.standard_normal((k, k)))[0]
        parts.append((g.standard_normal((rows, k)) * decay) @ basis.T * 0.01)
    table = np.concatenate(parts).astype(np.float32)
    fk = len(CRITEO_FIELD_DIMS) * k
    state = {"embedding.embedding.weight": torch.from_numpy(table)}
    for i in range(4):   # the released CrossNetworkV2's 4 cross layers, then the (400, 400) MLP
        state["cn.w.%d.weight" % i] = torch.zeros(fk, fk)
        state["cn.b.%d" % i] = torch.zeros(fk)
    torch.save(state, path)


if __name__ == "__main__":
    if sys.argv[1] == "--criteo-demo":
        criteo_demo(sys.argv[2])
    else:
        main(sys.argv[1])
