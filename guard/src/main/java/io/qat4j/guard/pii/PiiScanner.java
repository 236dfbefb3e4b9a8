package io.qat4j.guard.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import io.qat4j.guard.rule.PiiType;

/**
 * Finds personal data in a text:
 * <ul>
 *   <li>e-mail addresses (a pragmatic pattern: local part, @, dotted domain with a letter TLD);
 *   <li>payment card numbers: 13–19 digits, optionally grouped by single spaces or hyphens, that
 *       pass the {@link Luhn} check (a 16-digit number that fails it is not a card);
 *   <li>IBANs: country code, check digits and 11–30 letters/digits, optionally grouped by four,
 *       that pass the mod-97 {@link Iban} check;
 *   <li>phone numbers: Google's libphonenumber at leniency VALID, in international format from
 *       any region and in national format for the given regions; digits already claimed by a card
 *       or IBAN are not phone numbers. libphonenumber only reads the neighbourhood of each run of
 *       digits and separators holding at least five digits (up to the surrounding whitespace):
 *       scanning a long text with it for every region costs milliseconds, this costs microseconds.
 * </ul>
 * Thread-safe; the patterns are compiled once.
 */
public final class PiiScanner {
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}_%+-]+(?:\\.[\\p{L}\\p{N}_%+-]+)*@[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?"
                    + "(?:\\.[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?)*\\.\\p{L}{2,}(?![\\p{L}\\p{N}-])");
    private static final Pattern CARD = Pattern.compile("(?<![\\p{N}\\p{L}])\\d(?:[ -]?\\d){12,18}(?![\\p{N}\\p{L}])");
    private static final Pattern IBAN = Pattern.compile(
            "(?<![\\p{N}\\p{L}])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![\\p{N}\\p{L}])");

    private static final Pattern PHONE_CANDIDATE = Pattern.compile("\\d[\\d\\s().\\-/]*\\d");
    private static final int MIN_PHONE_DIGITS = 5;
    private static final int MAX_CONTEXT = 24;

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

    /** All matches of the requested types, sorted by start; they never overlap. */
    public List<PiiMatch> scan(String text, Set<PiiType> types, List<String> phoneRegions) {
        var found = new ArrayList<PiiMatch>();
        if (types.contains(PiiType.EMAIL)) {
            Matcher m = EMAIL.matcher(text);
            while (m.find()) {
                found.add(new PiiMatch(PiiType.EMAIL, m.start(), m.end()));
            }
        }
        // Cards and IBANs claim their digits even when not requested, so they are never reported
        // as phone numbers.
        var claimed = new ArrayList<PiiMatch>(found);
        findCards(text, claimed);
        findIbans(text, claimed);
        for (PiiMatch m : claimed) {
            if (m.type() != PiiType.EMAIL && types.contains(m.type())) {
                found.add(m);
            }
        }
        if (types.contains(PiiType.PHONE)) {
            findPhones(text, phoneRegions, claimed, found);
        }
        found.sort(Comparator.comparingInt(PiiMatch::start));
        return found;
    }

    private void findPhones(String text, List<String> regions, List<PiiMatch> claimed, List<PiiMatch> found) {
        Matcher m = PHONE_CANDIDATE.matcher(text);
        int searched = 0;
        while (m.find()) {
            var run = new PiiMatch(PiiType.PHONE, m.start(), m.end());
            if (digits(m.group()) < MIN_PHONE_DIGITS || m.end() <= searched || within(run, claimed)) {
                continue;
            }
            int from = extendToWhitespace(text, m.start(), -1);
            int to = extendToWhitespace(text, m.end(), +1);
            searched = to;
            String window = text.substring(from, to);
            for (String region : regions) {
                for (PhoneNumberMatch pm : phones.findNumbers(window, region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
                    var candidate = new PiiMatch(PiiType.PHONE, from + pm.start(), from + pm.end());
                    if (!overlapsAny(candidate, claimed) && !overlapsAny(candidate, found)) {
                        found.add(candidate);
                    }
                }
            }
        }
    }

    /** From {@code index}, moves in {@code direction} to the next whitespace (at most MAX_CONTEXT chars). */
    private static int extendToWhitespace(String text, int index, int direction) {
        int i = index;
        for (int n = 0; n < MAX_CONTEXT; n++) {
            int next = direction < 0 ? i - 1 : i;
            if (next < 0 || next >= text.length() || Character.isWhitespace(text.charAt(next))) {
                break;
            }
            i += direction;
        }
        return i;
    }

    private static int digits(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    private static void findCards(String text, List<PiiMatch> out) {
        Matcher m = CARD.matcher(text);
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            var match = new PiiMatch(PiiType.PAYMENT_CARD, m.start(), m.end());
            if (Luhn.valid(digits) && !overlapsAny(match, out)) {
                out.add(match);
            }
        }
    }

    private static void findIbans(String text, List<PiiMatch> out) {
        Matcher m = IBAN.matcher(text);
        while (m.find()) {
            // The pattern may run into a following group of capitals or digits: try the longest
            // prefix ending at a group boundary that passes the check.
            String s = m.group();
            for (int end = s.length(); end >= 15; end = s.lastIndexOf(' ', end - 1)) {
                String prefix = s.substring(0, end);
                if (Iban.valid(prefix.replace(" ", ""))) {
                    var match = new PiiMatch(PiiType.IBAN, m.start(), m.start() + end);
                    if (!overlapsAny(match, out)) {
                        out.add(match);
                    }
                    break;
                }
            }
        }
    }

    private static boolean within(PiiMatch m, List<PiiMatch> others) {
        for (PiiMatch o : others) {
            if (o.start() <= m.start() && m.end() <= o.end()) {
                return true;
            }
        }
        return false;
    }

    private static boolean overlapsAny(PiiMatch m, List<PiiMatch> others) {
        for (PiiMatch o : others) {
            if (m.start() < o.end() && o.start() < m.end()) {
                return true;
            }
        }
        return false;
    }
}
