package io.contiv.exporter.app;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a text option's value is checked before anything starts (a blank value means "not given" and is not
 * checked). The check is the parser the exporter uses later, so what passes here is what works there.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Checked {
    Class<? extends ValueCheck> value();

    /** Checks one value; throws {@link IllegalArgumentException} saying what is wrong with it. */
    interface ValueCheck {
        void check(String value);
    }
}
