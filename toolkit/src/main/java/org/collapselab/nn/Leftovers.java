package org.collapselab.nn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.config.SDValue;
import org.nd4j.autodiff.samediff.config.SDValueType;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gives a session's {@link ArrayPool} the op outputs that a pass left behind. SameDiff M2.1 returns an array to its cache
 * when the last op that reads it has run; arrays whose readers are outside the executed subgraph (e.g. the input of a
 * multiply whose other operand is a constant, kept for a gradient that is never asked for), and the outputs it hands to
 * its caller (the dense gradients, after the updater used them), are neither cached nor closed. They stayed garbage
 * until a full GC: 20-60 MB per FinalMLP ME 4× training step, every following step allocating the same amount afresh,
 * page faults and a growing resident set included, and {@code GarbageSchedule}'s collections shrinking the Java heap
 * that the next steps then grow again. Returned to the pool at the end of the pass, they serve the next pass.
 *
 * <p>Only arrays that are op outputs (variable type ARRAY), not views, not closed, not in the pool already, and share
 * no buffer with a variable, constant or placeholder are given back, one per buffer. Call only when nothing outside the
 * session holds an output of the pass any more.
 */
final class Leftovers {
    private Leftovers() {
    }

    /** Releases the pass's leftover outputs of {@code session} (whose graph is {@code sd}) into its pool. */
    static void release(InferenceSession session, SameDiff sd) {
        if (session.getMmgr() instanceof ArrayPool pool) for (INDArray a : find(session, sd)) pool.release(a);
    }

    /** The op outputs {@code session} holds that are neither in its pool nor closed (one per buffer), as {@link #release} sees them. */
    static List<INDArray> find(InferenceSession session, SameDiff sd) {
        ArrayPool pool = session.getMmgr() instanceof ArrayPool p ? p : null;
        Set<Long> held = new HashSet<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.ARRAY) continue;
            INDArray a = v.getArr();
            if (a != null && !a.wasClosed()) held.add(a.data().address());
        }
        // once per buffer: several outputs can be one array, or arrays over one buffer
        Set<Long> buffers = new HashSet<>();
        List<INDArray> left = new ArrayList<>();
        for (var e : session.getNodeValueOutputs().entrySet()) {
            SDValue value = e.getValue();
            if (value == null || value.getSdValueType() != SDValueType.TENSOR) continue;
            INDArray a = value.getTensorValue();
            if (a == null || a.wasClosed() || a.isView() || a.data() == null || (pool != null && pool.holds(a))) continue;
            SDVariable v = sd.getVariable(e.getKey().getVariable());
            if (v != null && v.getVariableType() == VariableType.ARRAY && !held.contains(a.data().address()) && buffers.add(a.data().address())) left.add(a);
        }
        return left;
    }
}
