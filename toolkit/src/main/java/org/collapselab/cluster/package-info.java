/**
 * Runs on a cluster: {@link org.collapselab.cluster.SparkRunExecutor} obtains a list of runs with Apache Spark,
 * one task per run, every record landing in the shared run store. It sits above {@code experiment} (whose
 * {@code RunExecutor} it implements) and below {@code notebook}, which loads it reflectively when
 * {@code COLLAPSELAB_SPARK} names a master, so that the kernel needs Spark on its class path only then.
 */
package org.collapselab.cluster;
