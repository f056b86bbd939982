package org.collapselab.cluster;

import java.io.Serializable;
import org.collapselab.data.EncodedDataset;
import org.collapselab.run.RunRequest;
import org.collapselab.run.RunTrainer;

/**
 * What a Spark task runs for one request: the experiment layer's pure "train one run". Serializable, since Spark
 * ships it to the executors; a test wraps it to make a task fail.
 */
@FunctionalInterface
public interface TaskTrainer extends Serializable {
    RunTrainer.Trained train(RunRequest request, EncodedDataset data);
}
