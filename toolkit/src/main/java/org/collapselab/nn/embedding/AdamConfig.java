package org.collapselab.nn.embedding;

import java.util.Objects;

/** Adam hyper-parameters of the embedding tables, PyTorch's meaning (weightDecay is coupled L2). */
public record AdamConfig(double lr, double beta1, double beta2, double eps, double weightDecay, Optimizer optimizer) {
    public AdamConfig {
        Objects.requireNonNull(optimizer, "optimizer");
        if (!(lr > 0)) throw new IllegalArgumentException("Adam lr must be > 0, got " + lr);
        if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("Adam beta1 must be in [0, 1), got " + beta1);
        if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("Adam beta2 must be in [0, 1), got " + beta2);
        if (!(eps > 0)) throw new IllegalArgumentException("Adam eps must be > 0, got " + eps);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("Adam weight decay must be >= 0, got " + weightDecay);
    }

    /** The paper's training: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 1e-6, dense updates. */
    public static AdamConfig paper() {
        return new AdamConfig(1e-3, 0.9, 0.999, 1e-8, 1e-6, Optimizer.DENSE_ADAM);
    }

    public AdamConfig withOptimizer(Optimizer o) {
        return new AdamConfig(lr, beta1, beta2, eps, weightDecay, o);
    }

    public AdamConfig withLr(double newLr) {
        return new AdamConfig(newLr, beta1, beta2, eps, weightDecay, optimizer);
    }

    public AdamConfig withWeightDecay(double wd) {
        return new AdamConfig(lr, beta1, beta2, eps, wd, optimizer);
    }
}
