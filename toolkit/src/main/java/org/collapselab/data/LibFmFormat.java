package org.collapselab.data;

import java.util.ArrayList;
import java.util.List;

/**
 * libFM/libSVM-style lines {@code label idx:val idx:val ...} separated by spaces or tabs, with a fixed number of
 * pairs: the j-th pair is field j and its {@code idx} is the token. Values are parsed and must be numbers; they
 * are not used by embedding models, and values other than 1 are counted in the report. Labels are 0/1 or, in
 * libFM's other common convention (Frappe's files, for one), -1/+1: -1 is read as 0 and counted in the report.
 */
public record LibFmFormat(int fieldCount, int defaultMinCount) implements CtrFormat {
    public LibFmFormat {
        if (fieldCount < 1) throw new IllegalArgumentException("libFM: fieldCount must be >= 1, got " + fieldCount);
        if (defaultMinCount < 1) throw new IllegalArgumentException("libFM: defaultMinCount must be >= 1, got " + defaultMinCount);
    }

    @Override
    public String name() {
        return "libFM (" + fieldCount + " fields)";
    }

    @Override
    public List<FieldDef> fields(PreprocessOptions.HourEncoding hour) {
        List<FieldDef> fs = new ArrayList<>();
        for (int j = 1; j <= fieldCount; j++) fs.add(new FieldDef("f" + j, FieldKind.CATEGORICAL));
        return fs;
    }
}
