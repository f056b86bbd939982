package org.collapselab.analysis;

/** Information abundance (the paper's Definition 1) as a {@link CollapseMeasure}: {@link Spectrum#informationAbundance()}. */
public record InformationAbundanceMeasure() implements CollapseMeasure {
    @Override
    public String name() {
        return "ia";
    }

    @Override
    public String definition() {
        return "‖σ‖₁ / ‖σ‖∞ (information abundance, Guo et al. 2024, Definition 1)";
    }

    @Override
    public String range() {
        return "1 (rank one) to n (all σ equal); 0 for a zero table";
    }

    @Override
    public String collapsed() {
        return "far below n: a few directions carry the singular-value mass";
    }

    @Override
    public double of(Spectrum s) {
        return s.informationAbundance();
    }
}
