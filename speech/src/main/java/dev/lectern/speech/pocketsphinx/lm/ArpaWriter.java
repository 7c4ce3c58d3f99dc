package dev.lectern.speech.pocketsphinx.lm;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link LectureLanguageModel} as ARPA text, the one input {@code sphinx_lm_convert}
 * turns into the binary the decoder loads fast. About 100 MB for Debian's model, so the numbers of
 * the quantised bins are formatted once per bin and every line is copied from bytes; new unigrams
 * and bigrams go at the end of their sections (the ARPA reader sorts them).
 */
public final class ArpaWriter {
    private ArpaWriter() {}

    public static void write(LectureLanguageModel model, Path arpa) throws IOException {
        TrieLanguageModel generic = model.generic;
        byte[][] words = new byte[model.unigramCount()][];
        for (int id = 0; id < words.length; id++) {
            words[id] = model.word(id).getBytes(StandardCharsets.UTF_8);
        }
        byte[][] bigramProb = binTexts(generic.bigramProbBins);
        byte[][] bigramBackoff = binTexts(generic.bigramBackoffBins);
        byte[][] trigramProb = binTexts(generic.trigramProbBins);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(arpa), 1 << 20)) {
            ascii(
                    out,
                    "\\data\\\nngram 1="
                            + model.unigramCount()
                            + "\nngram 2="
                            + model.bigramCount()
                            + "\nngram 3="
                            + generic.trigramCount()
                            + "\n\n\\1-grams:\n");
            for (int id = 0; id < words.length; id++) {
                boolean known = id < generic.unigramCount();
                double prob = model.unigramLog10[id];
                double backoff = model.backoffLog10[id];
                ascii(
                        out,
                        fixed(
                                Double.isNaN(prob)
                                        ? generic.unigramProb[id] * LectureLanguageModel.LOG10_BASE
                                        : prob));
                out.write('\t');
                out.write(words[id]);
                out.write('\t');
                ascii(
                        out,
                        fixed(
                                Double.isNaN(backoff) && known
                                        ? generic.unigramBackoff[id]
                                                * LectureLanguageModel.LOG10_BASE
                                        : backoff));
                out.write('\n');
            }
            ascii(out, "\n\\2-grams:\n");
            for (int word = 0; word < generic.unigramCount(); word++) {
                for (int b = generic.firstBigram[word]; b < generic.firstBigram[word + 1]; b++) {
                    double changed = model.bigramLog10[b];
                    if (Double.isNaN(changed)) {
                        out.write(bigramProb[generic.bigramProbCode[b]]);
                    } else {
                        ascii(out, fixed(changed));
                    }
                    out.write('\t');
                    out.write(words[generic.bigramHistory[b]]);
                    out.write(' ');
                    out.write(words[word]);
                    out.write('\t');
                    out.write(bigramBackoff[generic.bigramBackoffCode[b]]);
                    out.write('\n');
                }
            }
            for (LectureLanguageModel.NewBigram bigram : model.newBigrams) {
                ascii(out, fixed(bigram.log10Prob()));
                out.write('\t');
                out.write(words[bigram.history()]);
                out.write(' ');
                out.write(words[bigram.word()]);
                ascii(out, "\t0.0000\n");
            }
            ascii(out, "\n\\3-grams:\n");
            for (int word = 0; word < generic.unigramCount(); word++) {
                for (int b = generic.firstBigram[word]; b < generic.firstBigram[word + 1]; b++) {
                    for (int t = generic.firstTrigram[b]; t < generic.firstTrigram[b + 1]; t++) {
                        out.write(trigramProb[generic.trigramProbCode[t]]);
                        out.write('\t');
                        out.write(words[generic.trigramFirstWord[t]]);
                        out.write(' ');
                        out.write(words[generic.bigramHistory[b]]);
                        out.write(' ');
                        out.write(words[word]);
                        out.write('\n');
                    }
                }
            }
            ascii(out, "\n\\end\\\n");
        }
    }

    /** A log10 value with four decimals, as ARPA files usually carry them. */
    static String fixed(double value) {
        long scaled = Math.round(Math.abs(value) * 10_000);
        String fraction = Long.toString(10_000 + scaled % 10_000).substring(1);
        return (value < 0 && scaled != 0 ? "-" : "") + scaled / 10_000 + "." + fraction;
    }

    private static byte[][] binTexts(float[] bins) {
        byte[][] texts = new byte[bins.length][];
        for (int code = 0; code < bins.length; code++) {
            texts[code] =
                    fixed(bins[code] * LectureLanguageModel.LOG10_BASE)
                            .getBytes(StandardCharsets.US_ASCII);
        }
        return texts;
    }

    private static void ascii(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
    }
}
