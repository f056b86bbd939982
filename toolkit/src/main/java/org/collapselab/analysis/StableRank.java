package org.collapselab.analysis;

/** The stable rank ‖A‖²_F / ‖A‖²₂ = Σ σ_i² / σ₁²: a rank that small singular values barely move. */
public record StableRank() implements CollapseMeasure {
    @Override
    public String name() {
        return "stable_rank";
    }

    @Override
    public String definition() {
        return "‖A‖²_F / ‖A‖²₂ = Σ σ_i² / σ₁²";
    }

    @Override
    public String range() {
        return "1 (rank one) to n (all σ equal); 0 for a zero table";
    }

    @Override
    public String collapsed() {
        return "near 1: one direction holds most of the table's energy";
    }

    @Override
    public double of(Spectrum s) {
        double max = s.max();
        if (max == 0) return 0;
        double sq = 0;
        for (double v : s.values()) sq += (v / max) * (v / max);
        return sq;
    }
}
