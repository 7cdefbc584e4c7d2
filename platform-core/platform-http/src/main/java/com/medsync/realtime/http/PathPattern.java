package com.medsync.realtime.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A route pattern such as {@code /admin/plugins/{id}/start}: literal segments and {@code {name}} segments,
 * matched segment by segment against a decoded path. A pattern may end with {@code /} (such as
 * {@code /console/}): its last segment is then the empty literal, matched only by a path that ends with
 * {@code /}, the way a directory's index page is addressed.
 */
final class PathPattern {

    private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String source;
    // Per segment, exactly one of these is non-null.
    private final List<String> literals;
    private final List<String> params;

    private PathPattern(String source, List<String> literals, List<String> params) {
        this.source = source;
        this.literals = literals;
        this.params = params;
    }

    static PathPattern parse(String pattern) {
        Objects.requireNonNull(pattern, "pathPattern");
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("path pattern must start with '/': " + pattern);
        }
        List<String> literals = new ArrayList<>();
        List<String> params = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> segments = split(pattern);
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (segment.isEmpty() && i < segments.size() - 1) {
                throw new IllegalArgumentException("empty segment (double '/') in " + pattern);
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String name = segment.substring(1, segment.length() - 1);
                if (!PARAM_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("invalid parameter name '" + name + "' in " + pattern);
                }
                if (!seen.add(name)) {
                    throw new IllegalArgumentException("parameter '" + name + "' appears twice in " + pattern);
                }
                literals.add(null);
                params.add(name);
            } else if (segment.matches(".*[{}?#%].*")) {
                // Partial parameters ("a{b}") or encoded text would look matchable but never match.
                throw new IllegalArgumentException("invalid literal segment '" + segment + "' in " + pattern);
            } else {
                literals.add(segment);
                params.add(null);
            }
        }
        return new PathPattern(pattern, literals, params);
    }

    /** Splits an absolute path into its segments; "/" has none. */
    static List<String> split(String absolutePath) {
        if (absolutePath.equals("/")) {
            return List.of();
        }
        return List.of(absolutePath.substring(1).split("/", -1));
    }

    /** The pattern with parameter names erased: two patterns with one shape match the same paths. */
    String shape() {
        StringBuilder shape = new StringBuilder();
        for (String literal : literals) {
            shape.append('/').append(literal == null ? "{}" : literal);
        }
        return shape.length() == 0 ? "/" : shape.toString();
    }

    /** Returns the parameters when the decoded segments match, else {@code null}. */
    Map<String, String> match(List<String> segments) {
        if (segments.size() != literals.size()) {
            return null;
        }
        Map<String, String> values = null;
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            String literal = literals.get(i);
            if (literal != null) {
                if (!literal.equals(segment)) {
                    return null;
                }
            } else {
                // Dot segments would let "{id}" name a parent directory wherever a handler uses it in a path.
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    return null;
                }
                if (values == null) {
                    values = new LinkedHashMap<>();
                }
                values.put(params.get(i), segment);
            }
        }
        return values == null ? Map.of() : values;
    }

    /** Negative when this pattern is more specific: the first segment where they differ is a literal here. */
    int compareSpecificity(PathPattern other) {
        int common = Math.min(literals.size(), other.literals.size());
        for (int i = 0; i < common; i++) {
            boolean mine = literals.get(i) != null;
            boolean theirs = other.literals.get(i) != null;
            if (mine != theirs) {
                return mine ? -1 : 1;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return source;
    }
}
