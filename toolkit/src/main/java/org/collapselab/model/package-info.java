/**
 * CTR models: a {@link org.collapselab.model.ModelSpec} (kind, single or multi-embedding, K, sets) and
 * {@link org.collapselab.model.CtrModel}, one skeleton for every kind and mode, assembled from the
 * {@code interaction} modules and the {@code nn.embedding} tables.
 *
 * <p>Around the model: its checkpoints, memory estimate and budget, parameter summary and canonical identity.
 */
package org.collapselab.model;
