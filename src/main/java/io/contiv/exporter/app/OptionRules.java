package io.contiv.exporter.app;

import java.util.List;

/** Rules that span several options of a command (one option's own rule is {@link Bounds} or {@link Checked}). */
interface OptionRules {

    /** What is wrong, one line each for the user, every problem at once; empty when nothing is. */
    List<String> problems();
}
