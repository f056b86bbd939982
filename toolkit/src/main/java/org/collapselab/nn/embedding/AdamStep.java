package org.collapselab.nn.embedding;

/**
 * The constants of one Adam step t (≥ 1), PyTorch's formula: θ ← θ − (lr/bc1)·m / (√v/√bc2 + eps).
 * 1−β are computed in double before rounding, as PyTorch does: {@code 1 − 0.999f} is off by 1.3e-5 relative.
 */
record AdamStep(float beta1, float beta2, float oneMinusBeta1, float oneMinusBeta2, float eps, float weightDecay, float stepSize, float invSqrtBc2) {
    static AdamStep of(AdamConfig c, long t) {
        double bc1 = 1 - Math.pow(c.beta1(), t);
        double bc2 = 1 - Math.pow(c.beta2(), t);
        return new AdamStep((float) c.beta1(), (float) c.beta2(), (float) (1 - c.beta1()), (float) (1 - c.beta2()), (float) c.eps(), (float) c.weightDecay(),
                (float) (c.lr() / bc1), (float) (1 / Math.sqrt(bc2)));
    }
}
