package dev.lectern.speech.engine;

import java.util.List;

/**
 * A short compilers lecture written for the recognition tests (72 s when spoken), with what a
 * teacher would have typed around it: a title, a description and a course glossary that do not
 * repeat its sentences. Thirteen glossary terms are spoken, six are related but never said.
 */
public final class CompilerLecture {
    private CompilerLecture() {}

    public static final List<String> SENTENCES =
            List.of(
                    "Good morning, today we follow a program through a compiler, from source text"
                            + " to machine code.",
                    "The first stage is the lexer, which cuts the text into tokens such as names,"
                            + " numbers and operators.",
                    "Next, the parser checks the tokens against the grammar of the language.",
                    "Many hand written parsers use recursive descent, with one function for each"
                            + " rule of the grammar.",
                    "The parser builds an abstract syntax tree, which keeps the structure of the"
                            + " program without the punctuation.",
                    "Then the type checker walks the tree and rejects an expression that adds a"
                            + " string to a number.",
                    "Some compilers stop here and emit bytecode for an interpreter or a virtual"
                            + " machine.",
                    "Others translate the tree into an intermediate representation and optimize"
                            + " it.",
                    "A simple optimization is constant folding, which computes expressions like two"
                            + " times three before the program runs.",
                    "Inlining replaces a call with the body of the called function.",
                    "Finally, register allocation decides which values live in processor registers"
                            + " and which go to memory.",
                    "Next week we look at the garbage collector.");

    public static final LectureVocabulary VOCABULARY =
            new LectureVocabulary(
                    "en",
                    "Compilers, Week 3: From Source Code to Machine Instructions",
                    "The stages every compiler shares, what each one produces for the next, and"
                            + " the classic techniques that turn a naive translation into fast code"
                            + " without changing what the program does.",
                    List.of(
                            "lexer",
                            "token",
                            "parser",
                            "grammar",
                            "recursive descent",
                            "abstract syntax tree",
                            "type checker",
                            "bytecode",
                            "interpreter",
                            "intermediate representation",
                            "constant folding",
                            "inlining",
                            "register allocation",
                            "garbage collector",
                            "scanner",
                            "LLVM",
                            "SSA",
                            "dead code elimination",
                            "loop unrolling"),
                    List.of());
}
