package dev.lectern.speech.engine;

import java.util.List;

/**
 * Short lectures on three topics, each with what its teacher would have typed around it (title,
 * description, course glossary, none repeating its sentences): the set the captions benchmark
 * measures every engine on.
 */
public final class LectureSet {
    private LectureSet() {}

    /** A lecture's sentences and the words Lectern knows before hearing it. */
    public record Lecture(String name, List<String> sentences, LectureVocabulary vocabulary) {}

    public static final Lecture COMPILERS =
            new Lecture("compilers", CompilerLecture.SENTENCES, CompilerLecture.VOCABULARY);

    public static final Lecture SORTING =
            new Lecture(
                    "sorting",
                    List.of(
                            "Welcome back, this week is about sorting a list of numbers quickly.",
                            "Insertion sort takes one element at a time and slides it into place"
                                    + " among the ones already sorted.",
                            "It is fast on a list that is almost in order, but slow on a shuffled"
                                    + " one.",
                            "Merge sort splits the list in half, sorts each half, and merges the"
                                    + " two sorted halves.",
                            "Its running time grows like n log n, whatever the input looks like.",
                            "Quicksort picks a pivot and partitions the list into the smaller and"
                                    + " the larger elements.",
                            "With a bad pivot, quicksort becomes quadratic, so many libraries"
                                    + " choose the pivot at random.",
                            "Heapsort builds a binary heap and removes the largest element again"
                                    + " and again.",
                            "A sort is stable when equal keys keep their original order.",
                            "Counting sort and radix sort avoid comparisons altogether when the"
                                    + " keys are small integers.",
                            "For your homework, measure each algorithm on sorted, reversed and"
                                    + " random input."),
                    new LectureVocabulary(
                            "en",
                            "Algorithms, Week 5: Sorting",
                            "How the classic sorting methods work, what they cost on different"
                                    + " inputs, and which one a standard library should pick.",
                            List.of(
                                    "insertion sort",
                                    "merge sort",
                                    "quicksort",
                                    "pivot",
                                    "partition",
                                    "heapsort",
                                    "binary heap",
                                    "stable",
                                    "counting sort",
                                    "radix sort",
                                    "quadratic",
                                    "timsort",
                                    "bubble sort",
                                    "comparator"),
                            List.of()));

    public static final Lecture CELLS =
            new Lecture(
                    "cells",
                    List.of(
                            "Today we look at how a cell turns sugar into usable energy.",
                            "Glycolysis happens in the cytoplasm and splits glucose into two"
                                    + " molecules of pyruvate.",
                            "The pyruvate then enters the mitochondria.",
                            "There, the citric acid cycle strips electrons from it and releases"
                                    + " carbon dioxide.",
                            "The electrons are carried by NADH to the electron transport chain.",
                            "The chain pumps protons across the inner membrane.",
                            "The protons flow back through ATP synthase, which makes ATP.",
                            "Without oxygen, the cell falls back on fermentation, which yields far"
                                    + " less energy.",
                            "Muscle cells produce lactate when they work faster than their oxygen"
                                    + " supply allows.",
                            "Next time we compare this with photosynthesis in chloroplasts."),
                    new LectureVocabulary(
                            "en",
                            "Biology 101, Lecture 8: Cellular Respiration",
                            "Where a cell gets its energy: the stages that break down glucose, the"
                                    + " role of oxygen, and what happens when it runs out.",
                            List.of(
                                    "glycolysis",
                                    "cytoplasm",
                                    "glucose",
                                    "pyruvate",
                                    "mitochondria",
                                    "citric acid cycle",
                                    "NADH",
                                    "electron transport chain",
                                    "ATP synthase",
                                    "ATP",
                                    "fermentation",
                                    "lactate",
                                    "chloroplast",
                                    "Krebs cycle",
                                    "ribosome"),
                            List.of()));

    public static final List<Lecture> ALL = List.of(COMPILERS, SORTING, CELLS);
}
