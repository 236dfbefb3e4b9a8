package io.qat4j.guard.check;

import java.util.ArrayList;
import java.util.List;

import io.qat4j.guard.rule.Term;
import io.qat4j.guard.text.NormalizedText;
import io.qat4j.guard.text.Normalizer;
import io.qat4j.guard.text.PhraseAutomaton;

/**
 * The term forms of every phrase-based check of a guideline in one automaton, so a text is
 * scanned once however many rules there are. Each check registers its forms as an owner and gets
 * back the whole-word hits that belong to it.
 */
final class PhraseIndex {
    /** A form's occurrence at [start, end) of the original text. */
    record Hit(int start, int end, TermForm form) {
    }

    private record Entry(int owner, TermForm form) {
    }

    private final PhraseAutomaton automaton;
    private final List<List<Entry>> entriesByPattern;
    private final int owners;

    private PhraseIndex(PhraseAutomaton automaton, List<List<Entry>> entriesByPattern, int owners) {
        this.automaton = automaton;
        this.entriesByPattern = entriesByPattern;
        this.owners = owners;
    }

    /** Every owner's hits in {@code text}, indexed by owner, in order of their end. */
    List<List<Hit>> scan(NormalizedText text) {
        var hits = new ArrayList<List<Hit>>(owners);
        for (int i = 0; i < owners; i++) {
            hits.add(new ArrayList<>());
        }
        if (automaton.patternCount() > 0) {
            automaton.find(text, (p, start, end) -> {
                for (Entry e : entriesByPattern.get(p)) {
                    hits.get(e.owner()).add(new Hit(start, end, e.form()));
                }
            });
        }
        return hits;
    }

    static final class Builder {
        private final PhraseAutomaton.Builder automaton = PhraseAutomaton.builder();
        private final List<List<Entry>> entries = new ArrayList<>();
        private int owners;

        /** A new owner id; register its forms with {@link #add}. */
        int newOwner() {
            return owners++;
        }

        /** A new owner with every form of {@code terms} (inflected per {@code inflect} unless a term says). */
        int newOwner(List<Term> terms, boolean inflect) {
            int owner = newOwner();
            for (Term term : terms) {
                for (TermForm form : TermForm.expand(term, inflect)) {
                    add(owner, form);
                }
            }
            return owner;
        }

        void add(int owner, TermForm form) {
            String normalized = Normalizer.normalize(form.text());
            if (normalized.isEmpty()) {
                return;
            }
            int p = automaton.add(normalized);
            while (entries.size() <= p) {
                entries.add(new ArrayList<>());
            }
            var list = entries.get(p);
            var entry = new Entry(owner, form);
            // Two forms of one term can share a spelling; keep one.
            if (list.stream().noneMatch(e -> e.owner() == owner && e.form().term().equals(form.term()))) {
                list.add(entry);
            }
        }

        PhraseIndex build() {
            return new PhraseIndex(automaton.build(), entries, owners);
        }
    }
}
