package org.collapselab.cluster;

import java.io.Serializable;
import org.collapselab.data.EncodedDataset;
import org.collapselab.experiment.RunRecord;
import org.collapselab.experiment.RunRequest;

/**
 * What a Spark task runs for one request: the experiment layer's pure "train one run". Serializable, since Spark
 * ships it to the executors; a test wraps it to make a task fail.
 */
@FunctionalInterface
public interface TaskTrainer extends Serializable {
    RunRecord train(RunRequest request, EncodedDataset data);
}
