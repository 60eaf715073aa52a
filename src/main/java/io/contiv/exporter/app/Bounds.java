package io.contiv.exporter.app;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The range an option's value must fall in, written as the user writes values: durations for a {@code Duration}
 * option ({@code min = "100ms", max = "5m"}), whole numbers for an {@code int} or {@code long} one. Both ends are
 * included. Every duration option has one (a test checks it): a duration that may be zero or negative is a mistake
 * waiting to happen.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Bounds {
    String min();

    String max();
}
