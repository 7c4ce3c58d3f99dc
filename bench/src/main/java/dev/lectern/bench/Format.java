package dev.lectern.bench;

import java.util.Locale;

/** Number formatting for the result tables (always a dot, whatever the machine's locale). */
final class Format {
    private Format() {}

    static String f0(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    static String f1(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String f2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String f3(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    static String f4(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    /** A signed percentage, e.g. {@code +3.2 %}. */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%+.1f %%", fraction * 100);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f×", value);
    }
}
