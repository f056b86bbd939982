package org.collapselab.paper;

import org.collapselab.analysis.FieldIA;
import org.collapselab.model.ModelSpec;
import org.collapselab.paper.claim.Claim;
import org.collapselab.paper.claim.MultiEmbeddingClaims;

/** Fig. 9's claims on a {@link MeAnalysis.Result}, computed by the claim library ({@link MultiEmbeddingClaims}). */
public final class MeAnalysisClaims {
    private MeAnalysisClaims() {}

    /** Fig. 9a's claim: ME's IA per field (sets side by side) is higher than SE's at the largest scale. */
    public static Claim meHasHigherIa(MeAnalysis.Result a) {
        int n = a.recipe().largest();
        return MultiEmbeddingClaims.meHasHigherIa(a.ia(a.recipe().se(n)), a.ia(a.recipe().me(n)));
    }

    /** Fig. 9b's claim: the sets vary in IA, against as many random (Xavier) tables of one set's shape. */
    public static Claim setsVaryInIa(MeAnalysis.Result a) {
        ModelSpec me = a.recipe().me(a.recipe().largest());
        double[][] sets = new double[me.sets()][], random = new double[me.sets()][];
        for (int m = 0; m < me.sets(); m++) {
            sets[m] = a.setIa(me, m);
            random[m] = FieldIA.randomBaseline(a.schema(), me.embeddingSize(), m).ia();
        }
        return MultiEmbeddingClaims.setsVaryInIa(sets, random);
    }

    /** Fig. 9c's claim: the sets learn different interaction patterns (against the divergence-restricted model). */
    public static Claim setsLearnDifferentPatterns(MeAnalysis.Result a) {
        int n = a.recipe().largest();
        return MultiEmbeddingClaims.setsLearnDifferentPatterns(a.crossNorms(a.recipe().me(n)), a.crossNorms(a.recipe().restricted(n)));
    }

    /** Fig. 9d's claim at the largest scale: restricting the divergence takes away ME's gains. */
    public static Claim restrictionTakesAwayGains(MeAnalysis.Result a) {
        int n = a.recipe().largest();
        return MultiEmbeddingClaims.restrictionTakesAwayGains(n, java.util.List.of(a.run(a.recipe().me(n)).result().test()),
                java.util.List.of(a.run(a.recipe().restricted(n)).result().test()));
    }
}
