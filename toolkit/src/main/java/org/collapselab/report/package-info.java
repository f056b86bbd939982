/**
 * A collapse report for any trained embedding model, as one command or one notebook object: a model's file read in
 * Java ({@link org.collapselab.io.TensorFile}), its fields from sizes, a FuxiCTR {@code feature_map.json} or a run of the
 * store ({@link FieldSource}), the measures per field and set with their random baseline, written as one
 * self-contained {@code report.html} and a {@code measures.csv} ({@link ModelReport}; {@link CollapseReportCommand} is
 * {@code toolkit/bin/collapse-report}).
 */
package org.collapselab.report;
