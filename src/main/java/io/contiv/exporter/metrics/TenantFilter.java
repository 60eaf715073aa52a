package io.contiv.exporter.metrics;

import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which tenants' series are served ({@code --tenant.include}, {@code --tenant.exclude}): a tenant is served when its
 * whole name matches the include expression (if any) and not the exclude expression (if any).
 */
public final class TenantFilter implements Predicate<String> {

    public static final TenantFilter ALL = new TenantFilter(null, null);

    private final Pattern include;
    private final Pattern exclude;

    private TenantFilter(Pattern include, Pattern exclude) {
        this.include = include;
        this.exclude = exclude;
    }

    /** Either expression may be null; an invalid one is an {@link IllegalArgumentException} naming its option. */
    public static TenantFilter of(String include, String exclude) {
        return new TenantFilter(compile(include, "--tenant.include"), compile(exclude, "--tenant.exclude"));
    }

    /** True when every tenant is served, so that nothing needs filtering. */
    public boolean servesAll() {
        return include == null && exclude == null;
    }

    @Override
    public boolean test(String tenant) {
        return (include == null || include.matcher(tenant).matches())
                && (exclude == null || !exclude.matcher(tenant).matches());
    }

    private static Pattern compile(String expression, String option) {
        if (expression == null) {
            return null;
        }
        try {
            return Pattern.compile(expression);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(option + " is not a regular expression: " + e.getDescription()
                    + " near index " + e.getIndex() + " of '" + expression + "'");
        }
    }
}
