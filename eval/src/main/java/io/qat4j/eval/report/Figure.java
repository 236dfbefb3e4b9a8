package io.qat4j.eval.report;

import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One plot of the report: its PNG file name, its heading and a sentence on how to read it.
 */
record Figure(String file, String title, String howToRead, Chart<?, ?> chart) {}
