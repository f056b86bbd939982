package org.collapselab.analysis;

/**
 * The effective rank of Roy and Vetterli (2007), as RankMe uses it in self-supervised learning: exp of the Shannon
 * entropy of the normalised singular values p_i = σ_i / ‖σ‖₁ (terms with p_i = 0 contribute 0).
 */
public record EffectiveRank() implements CollapseMeasure {
    @Override
    public String name() {
        return "effective_rank";
    }

    @Override
    public String definition() {
        return "exp(−Σ p_i ln p_i), p_i = σ_i / ‖σ‖₁ (Roy & Vetterli 2007; RankMe)";
    }

    @Override
    public String range() {
        return "1 (rank one) to n (all σ equal); 0 for a zero table";
    }

    @Override
    public String collapsed() {
        return "far below n: the singular values' mass sits on few of them";
    }

    @Override
    public double of(Spectrum s) {
        double sum = s.sum();
        if (sum == 0) return 0;
        double h = 0;
        for (double v : s.values()) {
            double p = v / sum;
            if (p > 0) h -= p * Math.log(p);
        }
        return Math.exp(h);
    }
}
