package dev.lectern.speech.pocketsphinx.lm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A trigram language model read from sphinxbase's binary "Trie Language Model" format, the form
 * Debian ships {@code en-us.lm.bin} in. Debian's {@code sphinx_lm_convert} aborts when it converts
 * that file to ARPA (its header counts six more bigrams than the trie holds), so Lectern reads the
 * trie itself and trusts the counts it finds.
 *
 * <p>The trie is keyed by the predicted word first (KenLM style): unigram {@code u}, then one of
 * its bigram entries {@code v}, then one of that entry's trigram entries {@code w} is the ARPA
 * trigram "w v u". So a bigram belongs to the unigram of the word it predicts; its entry names the
 * history word. Probabilities are log base 1.0001 (sphinx's logmath); bigram and trigram values are
 * quantised to 2<sup>16</sup> bins per table, kept here as bin codes.
 */
public final class TrieLanguageModel {
    private static final byte[] MAGIC = "Trie Language Model".getBytes(StandardCharsets.US_ASCII);
    private static final int BINS = 1 << 16;
    static final double LOG10_BASE = Math.log10(1.0001);

    final String[] words;
    final float[] unigramProb;
    final float[] unigramBackoff;

    /** Bigrams predicting unigram {@code u} are {@code [firstBigram[u], firstBigram[u + 1])}. */
    final int[] firstBigram;

    final int[] bigramHistory;
    final char[] bigramProbCode;
    final char[] bigramBackoffCode;

    /** Trigrams ending with bigram {@code b} are {@code [firstTrigram[b], firstTrigram[b + 1])}. */
    final int[] firstTrigram;

    final int[] trigramFirstWord;
    final char[] trigramProbCode;

    private final Map<String, Integer> ids;

    final float[] bigramProbBins;
    final float[] bigramBackoffBins;
    final float[] trigramProbBins;

    private TrieLanguageModel(ByteBuffer in) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("not a sphinx trie language model");
        }
        int order = in.get();
        if (order != 3) {
            throw new IOException("only trigram models are supported, this one has order " + order);
        }
        int unigrams = in.getInt();
        // The arrays are sized by the header's counts; the entries are counted by the trie's own
        // ranges, since Debian's header claims more bigrams than there are.
        int bigramsInHeader = in.getInt();
        int trigramsInHeader = in.getInt();
        in.getInt(); // unused quantiser field
        bigramProbBins = floats(in, BINS);
        bigramBackoffBins = floats(in, BINS);
        trigramProbBins = floats(in, BINS);

        unigramProb = new float[unigrams];
        unigramBackoff = new float[unigrams];
        firstBigram = new int[unigrams + 1];
        for (int u = 0; u <= unigrams; u++) {
            float prob = in.getFloat();
            float backoff = in.getFloat();
            firstBigram[u] = in.getInt();
            if (u < unigrams) {
                unigramProb[u] = prob;
                unigramBackoff[u] = backoff;
            }
        }
        int bigrams = firstBigram[unigrams];

        int wordBits = requiredBits(unigrams);
        int nextBits = requiredBits(trigramsInHeader);
        int middleBits = wordBits + 32 + nextBits;
        BitArray middle = new BitArray(in, in.position());
        bigramHistory = new int[bigrams];
        bigramProbCode = new char[bigrams];
        bigramBackoffCode = new char[bigrams];
        firstTrigram = new int[bigrams + 1];
        for (int b = 0; b <= bigrams; b++) {
            long bit = (long) b * middleBits;
            if (b < bigrams) {
                bigramHistory[b] = middle.read(bit, wordBits);
                bigramBackoffCode[b] = (char) middle.read(bit + wordBits, 16);
                bigramProbCode[b] = (char) middle.read(bit + wordBits + 16, 16);
            }
            firstTrigram[b] = middle.read(bit + wordBits + 32, nextBits);
        }
        in.position(in.position() + bytesFor(bigramsInHeader, middleBits));

        int trigrams = firstTrigram[bigrams];
        int longestBits = wordBits + 16;
        BitArray longest = new BitArray(in, in.position());
        trigramFirstWord = new int[trigrams];
        trigramProbCode = new char[trigrams];
        for (int t = 0; t < trigrams; t++) {
            long bit = (long) t * longestBits;
            trigramFirstWord[t] = longest.read(bit, wordBits);
            trigramProbCode[t] = (char) longest.read(bit + wordBits, 16);
        }
        in.position(in.position() + bytesFor(trigramsInHeader, longestBits));

        words = readWords(in, unigrams);
        ids = new HashMap<>(unigrams * 2);
        for (int id = 0; id < unigrams; id++) {
            ids.put(words[id], id);
        }
    }

    /**
     * Reads a trie model file (27 MB for Debian's en-us model, in about 0.1 s), mapped rather
     * than copied onto the heap; the model then holds about 40 MB of arrays.
     */
    public static TrieLanguageModel read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer =
                    channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size())
                            .order(ByteOrder.LITTLE_ENDIAN);
            return new TrieLanguageModel(buffer);
        } catch (RuntimeException e) {
            throw new IOException("cannot read " + file + ": " + e, e);
        }
    }

    /** The word's id, or -1 when the model lacks it. */
    public int id(String word) {
        return ids.getOrDefault(word, -1);
    }

    /**
     * The listed log10 probability of an n-gram of one to three words in ARPA order (the
     * predicted word last), without backing off; empty when the model does not list it.
     */
    public OptionalDouble listedLog10(String... ngram) {
        int[] id = new int[ngram.length];
        for (int i = 0; i < ngram.length; i++) {
            id[i] = id(ngram[i]);
            if (id[i] < 0) {
                return OptionalDouble.empty();
            }
        }
        int word = id[ngram.length - 1];
        if (ngram.length == 1) {
            return OptionalDouble.of(unigramProb[word] * LOG10_BASE);
        }
        int bigram = bigram(id[ngram.length - 2], word);
        if (bigram < 0) {
            return OptionalDouble.empty();
        }
        if (ngram.length == 2) {
            return OptionalDouble.of(bigramProbBins[bigramProbCode[bigram]] * LOG10_BASE);
        }
        for (int t = firstTrigram[bigram]; t < firstTrigram[bigram + 1]; t++) {
            if (trigramFirstWord[t] == id[0]) {
                return OptionalDouble.of(trigramProbBins[trigramProbCode[t]] * LOG10_BASE);
            }
        }
        return OptionalDouble.empty();
    }

    /** The listed bigram "history word", or -1. */
    int bigram(int history, int word) {
        for (int b = firstBigram[word]; b < firstBigram[word + 1]; b++) {
            if (bigramHistory[b] == history) {
                return b;
            }
        }
        return -1;
    }

    public int unigramCount() {
        return words.length;
    }

    public int bigramCount() {
        return bigramHistory.length;
    }

    public int trigramCount() {
        return trigramFirstWord.length;
    }

    private static int bytesFor(long entries, int bitsPerEntry) {
        return (int) (((1L + entries) * bitsPerEntry + 7) / 8 + 8);
    }

    private static int requiredBits(int max) {
        return max == 0 ? 0 : 32 - Integer.numberOfLeadingZeros(max);
    }

    private static float[] floats(ByteBuffer in, int count) {
        float[] values = new float[count];
        in.asFloatBuffer().get(values);
        in.position(in.position() + 4 * count);
        return values;
    }

    private static String[] readWords(ByteBuffer in, int count) throws IOException {
        byte[] block = new byte[in.getInt()];
        in.get(block);
        String[] result = new String[count];
        int start = 0;
        int found = 0;
        for (int i = 0; i < block.length && found < count; i++) {
            if (block[i] == 0) {
                result[found++] = new String(block, start, i - start, StandardCharsets.UTF_8);
                start = i + 1;
            }
        }
        if (found != count) {
            throw new IOException("the word list holds " + found + " of " + count + " words");
        }
        return result;
    }

    /** Bit fields packed little-endian, read like sphinxbase's {@code bitarr_read_int25}. */
    private record BitArray(ByteBuffer in, int base) {
        int read(long bitOffset, int length) {
            int word = in.getInt(base + (int) (bitOffset >>> 3));
            return (word >>> (int) (bitOffset & 7)) & ((1 << length) - 1);
        }
    }
}
