/**
 * The paper's figures as XChart charts ({@link org.collapselab.plot.Plots}) from what {@code analysis} computes and the
 * recipes' series, each point's interval drawn where it has one.
 *
 * <p>{@link org.collapselab.plot.Figure} saves a chart as PNG and SVG.
 */
package org.collapselab.plot;
