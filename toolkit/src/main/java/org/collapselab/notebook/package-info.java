/**
 * The notebook layer: the run profile and data locations from the environment ({@link
 * org.collapselab.notebook.Environment}), showing charts, tables and text in whatever runs the code
 * ({@link org.collapselab.notebook.Display}), and progress bars for long work ({@link
 * org.collapselab.notebook.ProgressBar}).
 */
package org.collapselab.notebook;
