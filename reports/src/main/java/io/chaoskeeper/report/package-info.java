/**
 * HTML consistency reports: {@link io.chaoskeeper.report.RunReport} for one run directory,
 * {@link io.chaoskeeper.report.RunIndex} over many, {@link io.chaoskeeper.report.ReportWriter} for imported
 * histories. Pages are self-contained and work offline.
 */
package io.chaoskeeper.report;
