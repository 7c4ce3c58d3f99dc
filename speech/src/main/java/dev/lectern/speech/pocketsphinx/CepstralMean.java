package dev.lectern.speech.pocketsphinx;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The running cepstral mean the decoder normalises its features by (13 values). Each decoder
 * process starts from the model's {@code -cmninit} and needs some seconds of speech to learn the
 * speaker's; chunks that started afresh lost about five points of word error rate. So the mean the
 * previous chunk ended with is carried into the next one. The decoder ignores {@code -cmninit} on
 * its command line (the model's feat.params wins), so it is written into a per-job copy of the
 * model ({@link AcousticModelCopy}).
 */
public record CepstralMean(List<Double> values) {
    private static final Pattern UPDATE = Pattern.compile("Update to\\s*<([^>]*)>");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    public CepstralMean {
        values = List.copyOf(values);
        if (values.size() != 13) {
            throw new IllegalArgumentException(
                    "a cepstral mean has 13 values, not " + values.size());
        }
    }

    /** Reads {@code 41.00,-5.29,...} as feat.params and {@link #toString()} write it. */
    public static CepstralMean parse(String text) {
        String[] parts = text.strip().split("\\s*,\\s*|\\s+");
        for (String part : parts) {
            if (!NUMBER.matcher(part).matches()) {
                throw new IllegalArgumentException("not a cepstral mean: " + text);
            }
        }
        return new CepstralMean(java.util.Arrays.stream(parts).map(Double::valueOf).toList());
    }

    /** The last mean a decoder log reports ({@code cmn_live.c ... Update to < ... >}), if any. */
    public static Optional<CepstralMean> lastInLog(String log) {
        Matcher matcher = UPDATE.matcher(log);
        String last = null;
        while (matcher.find()) {
            last = matcher.group(1);
        }
        return last == null ? Optional.empty() : Optional.of(parse(last));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (double value : values) {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(String.format(java.util.Locale.ROOT, "%.2f", value));
        }
        return text.toString();
    }
}
