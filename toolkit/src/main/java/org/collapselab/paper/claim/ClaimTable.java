package org.collapselab.paper.claim;

import java.util.List;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Claims as a table for people to read ({@code lab.show(ClaimTable.of(...))}), values rounded to their intervals' resolution. */
public final class ClaimTable {
    /** Column names of {@link #of}'s table. */
    public static final String STATEMENT = "claim", STATISTIC = "statistic", VALUE = "value", INTERVAL = "interval", TEST = "test", THRESHOLD = "rule",
            VERDICT = "verdict", REASON = "reason";

    private ClaimTable() {
    }

    /** One row per claim, in order: claim, statistic, value, interval, test, rule, verdict, reason. */
    public static Table of(String title, List<Claim> claims) {
        StringColumn statement = StringColumn.create(STATEMENT), statistic = StringColumn.create(STATISTIC), value = StringColumn.create(VALUE),
                interval = StringColumn.create(INTERVAL), test = StringColumn.create(TEST), threshold = StringColumn.create(THRESHOLD),
                verdict = StringColumn.create(VERDICT), reason = StringColumn.create(REASON);
        for (Claim c : claims) {
            statement.append(c.statement());
            statistic.append(c.statistic());
            value.append(c.displayValue());
            interval.append(c.displayInterval());
            test.append(c.displayTest());
            threshold.append(c.rule());
            verdict.append(c.verdict().label());
            reason.append(c.reason());
        }
        return Table.create(title, statement, statistic, value, interval, test, threshold, verdict, reason);
    }
}
