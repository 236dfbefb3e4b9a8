package io.qat4j.guard.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NotBlank;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** The automaton's whole-word matches against a regular-expression reference, on random texts. */
class PhraseAutomatonTest {

    /** Whole-word occurrences of a term by regex: any whitespace run for a space, case-insensitive. */
    static Set<String> reference(String text, List<String> terms) {
        var found = new TreeSet<String>();
        for (String term : terms) {
            String t = term.strip();
            String body = Arrays.stream(t.split("\\s+")).map(Pattern::quote).collect(Collectors.joining("\\s+"));
            String regex = (WordChars.isWordChar(t.codePointAt(0)) ? "(?<![\\p{L}\\p{N}\\p{M}])" : "") + body
                    + (WordChars.isWordChar(t.codePointBefore(t.length())) ? "(?![\\p{L}\\p{N}\\p{M}])" : "");
            var m = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text);
            m.useTransparentBounds(true).useAnchoringBounds(false);
            for (int i = 0; i < text.length(); i++) {
                m.region(i, text.length());
                if (m.lookingAt()) {
                    found.add(m.start() + ":" + m.end() + ":" + Normalizer.normalize(term));
                }
            }
        }
        return found;
    }

    @Property(tries = 1000)
    void findsExactlyTheWholeWordOccurrences(
            @ForAll @StringLength(max = 30) @Chars({'a', 'b', 'A', 'é', 'É', ' ', '\n', '-', '.'}) String text,
            @ForAll @Size(min = 1, max = 4) List<@NotBlank @StringLength(max = 5) @Chars({'a', 'b', 'B', 'é', ' ', '-'}) String> terms) {
        var builder = PhraseAutomaton.builder();
        for (String t : terms) {
            builder.add(Normalizer.normalize(t));
        }
        var automaton = builder.build();
        var found = new TreeSet<String>();
        automaton.find(NormalizedText.of(text), (p, start, end) -> found.add(start + ":" + end + ":" + automaton.pattern(p)));
        assertThat(found).isEqualTo(reference(text, terms));
    }

    @Property(tries = 200)
    void everyPatternIsFoundInItself(@ForAll @Size(min = 1, max = 6) List<@NotBlank @StringLength(max = 6)
            @Chars({'a', 'b', 'c', ' '}) String> terms) {
        var builder = PhraseAutomaton.builder();
        var ids = new ArrayList<Integer>();
        for (String t : terms) {
            ids.add(builder.add(Normalizer.normalize(t)));
        }
        var automaton = builder.build();
        for (int i = 0; i < terms.size(); i++) {
            int id = ids.get(i);
            var hits = new ArrayList<Integer>();
            automaton.find(NormalizedText.of(terms.get(i).strip()), (p, s, e) -> hits.add(p));
            assertThat(hits).contains(id);
        }
    }
}
