package org.collapselab.nn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * A SameDiff listener that times every op a graph executes (wall time from SameDiff's pre-execution callback to
 * its post-execution callback, so it includes the session's bookkeeping for that op) and counts the floating-point
 * operations of its matrix products, grouped by op type ({@code matmul}, {@code matmul_bp}, {@code add}, ...). Time
 * between ops (the session choosing the next op, releasing arrays) is not attributed to any op; compare the total with
 * the step's wall time to see it. Install with {@code graph.sd().addListeners(profile)}; it records from then on.
 *
 * <p>FLOPs: 2·m·n·k for every product [.., m, k]·[.., k, n] ({@code matmul}, {@code batched} too), twice that for its
 * backward op ({@code matmul_bp}: one product per input). Other ops count nothing: they are memory-bound, and the
 * figure is meant for a utilisation against a measured GEMM.
 */
public final class OpProfile extends BaseListener {
    /** Totals of one op type, or of one op of the graph ({@code op} is then its name and type, with its first output's shape). */
    public record Entry(String op, long calls, long nanos, double flops) {}

    private final Map<String, long[]> counts = new HashMap<>();     // op → {calls, nanos}
    private final Map<String, Double> flops = new HashMap<>();
    private final Map<String, long[]> instances = new HashMap<>();  // "type name shape" → {calls, nanos}
    private long started;

    @Override
    public boolean isActive(Operation operation) {
        return operation == Operation.TRAINING || operation == Operation.INFERENCE;
    }

    @Override
    public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext ctx) {
        started = System.nanoTime();
    }

    @Override
    public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext ctx, INDArray[] outputs) {
        long t = System.nanoTime() - started;
        String name = op.getOp().opName();
        long[] c = counts.computeIfAbsent(name, n -> new long[2]);
        c[0]++;
        c[1] += t;
        String shape = outputs != null && outputs.length > 0 && outputs[0] != null ? java.util.Arrays.toString(outputs[0].shape()) : "";
        long[] i = instances.computeIfAbsent(name + " " + op.getName() + " " + shape, n -> new long[2]);
        i[0]++;
        i[1] += t;
        double f = productFlops(name, ctx, outputs);
        if (f > 0) flops.merge(name, f, Double::sum);
    }

    /** Forgets everything recorded so far. */
    public void reset() {
        counts.clear();
        flops.clear();
        instances.clear();
    }

    /** Op types by total time, longest first. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        counts.forEach((op, c) -> out.add(new Entry(op, c[0], c[1], flops.getOrDefault(op, 0.0))));
        out.sort(Comparator.comparingLong(Entry::nanos).reversed());
        return out;
    }

    /** The graph's ops one by one, by total time, longest first. */
    public List<Entry> instances() {
        List<Entry> out = new ArrayList<>();
        instances.forEach((op, c) -> out.add(new Entry(op, c[0], c[1], 0)));
        out.sort(Comparator.comparingLong(Entry::nanos).reversed());
        return out;
    }

    public long totalNanos() {
        return counts.values().stream().mapToLong(c -> c[1]).sum();
    }

    public double totalFlops() {
        return flops.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** FLOPs of a matrix product op from its operand sizes (transposes need not be known), else 0. */
    static double productFlops(String op, OpContext ctx, INDArray[] outputs) {
        boolean backward = op.equals("matmul_bp");
        if (!(op.equals("matmul") || op.equals("mmul") || backward) || ctx == null || ctx.numInputArguments() < 2) return 0;
        INDArray a = ctx.getInputArray(0), b = ctx.getInputArray(1);
        INDArray out = backward ? ctx.getInputArray(2) : outputs[0];
        if (a == null || b == null || out == null || a.rank() < 2 || b.rank() < 2 || out.rank() < 2) return 0;
        return (backward ? 2 : 1) * productFlops(a, b, out);
    }

    /**
     * 2·|out|·k for out = a·b with leading batch dimensions (broadcast ones included): |a|·|b| / |out| is k² times
     * the batch factors of a and b over that of out.
     */
    static double productFlops(INDArray a, INDArray b, INDArray out) {
        double batchA = (double) a.length() / (a.size(-2) * a.size(-1));
        double batchB = (double) b.length() / (b.size(-2) * b.size(-1));
        double batchOut = (double) out.length() / (out.size(-2) * out.size(-1));
        double k = Math.sqrt((double) a.length() * b.length() * batchOut / ((double) out.length() * batchA * batchB));
        return 2.0 * out.length() * Math.round(k);
    }
}
