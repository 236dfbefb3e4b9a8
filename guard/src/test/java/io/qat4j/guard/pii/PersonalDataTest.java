package io.qat4j.guard.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.qat4j.guard.Yaml;
import io.qat4j.guard.check.Checker;
import io.qat4j.guard.rule.PiiType;
import io.qat4j.guard.verdict.Finding;

class PersonalDataTest {
    private static final PiiScanner SCANNER = new PiiScanner();
    private static final List<String> REGIONS = List.of("GB", "US", "DE");

    private static List<String> found(String text, PiiType type) {
        return SCANNER.scan(text, EnumSet.allOf(PiiType.class), REGIONS).stream()
                .filter(m -> m.type() == type).map(m -> text.substring(m.start(), m.end())).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+44 20 7946 0958", "+1 (415) 555-0132", "0049 30 901820", "+49 30 901820",
        "(415) 555-0132", "020 7946 0958", "+33 1 42 68 53 00"})
    void findsPhoneNumbersInInternationalAndNationalFormats(String number) {
        assertThat(found("Call " + number + " today.", PiiType.PHONE)).containsExactly(number);
    }

    @Test
    void nationalFormatsNeedTheirRegion() {
        String text = "Ring 030 901820.";
        assertThat(SCANNER.scan(text, EnumSet.of(PiiType.PHONE), List.of("US"))).isEmpty();
        assertThat(SCANNER.scan(text, EnumSet.of(PiiType.PHONE), List.of("DE"))).hasSize(1);
    }

    @Test
    void datesAndReferencesAreNotPhoneNumbers() {
        assertThat(found("Order 2024-01-15, ticket 12345, version 3.14.159.", PiiType.PHONE)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111 1111 1111 1111", "4111-1111-1111-1111", "5555555555554444", "378282246310005",
        "4012888888881881", "6011 1111 1111 1117"})
    void findsTestCardNumbersThatPassLuhn(String card) {
        assertThat(found("Card " + card + " on file.", PiiType.PAYMENT_CARD)).containsExactly(card);
    }

    @Test
    void aSixteenDigitNumberThatFailsLuhnIsNotACardNorAPhone() {
        assertThat(Luhn.valid("4111111111111112")).isFalse();
        assertThat(SCANNER.scan("Card 4111 1111 1111 1112 on file, ref 1234567890123456.", EnumSet.allOf(PiiType.class),
                REGIONS)).isEmpty();
    }

    @Test
    void luhnByHand() {
        // 79927398713: the classic example; doubling every second digit from the right gives 70, ≡ 0 mod 10.
        assertThat(Luhn.valid("79927398713")).isTrue();
        assertThat(Luhn.valid("79927398710")).isFalse();
        assertThat(Luhn.valid("7992739871x")).isFalse();
        assertThat(Luhn.valid("")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE89 3704 0044 0532 0130 00", "DE89370400440532013000", "GB82 WEST 1234 5698 7654 32",
        "FR14 2004 1010 0505 0001 3M02 606", "NL91 ABNA 0417 1643 00"})
    void findsIbansWithValidCheckDigits(String iban) {
        assertThat(found("Pay to " + iban + " AND thank you.", PiiType.IBAN)).containsExactly(iban);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE88 3704 0044 0532 0130 00", "GB83 WEST 1234 5698 7654 32", "DE89 3704 0044 0532 0130 01"})
    void ignoresIbansWithWrongCheckDigits(String iban) {
        assertThat(Iban.valid(iban.replace(" ", ""))).isFalse();
        assertThat(found("Pay to " + iban + ".", PiiType.IBAN)).isEmpty();
    }

    @Test
    void findsEmailAddresses() {
        assertThat(found("Write to jo.doe+news@mail.example.co.uk. Or to é@exämple.com!", PiiType.EMAIL))
                .containsExactly("jo.doe+news@mail.example.co.uk", "é@exämple.com");
        assertThat(found("Not an address: a@b, @handle, x@y.z", PiiType.EMAIL)).isEmpty();
    }

    @Test
    void theRuleRedactsOnFixAndDoesNotQuoteTheData() {
        Checker checker = Yaml.checker("""
                - id: pii
                  kind: personal-data
                  severity: error
                  on_fail: fix
                  regions: [GB]
                  redact_with: "[{type} removed]"
                """);
        String text = "Mail ann@example.com or call +44 20 7946 0958; card 4111 1111 1111 1111, IBAN GB82WEST12345698765432.";
        var verdict = checker.check(text);
        assertThat(verdict.findings()).extracting(Finding::message).containsExactly(
                "contains an e-mail address (personal data)", "contains a phone number (personal data)",
                "contains a payment card number (personal data)", "contains an IBAN (personal data)");
        assertThat(verdict.findings()).allSatisfy(f -> assertThat(f.excerpt()).isNull());
        assertThat(verdict.passed()).isFalse();
        var fixed = checker.fix(text);
        assertThat(fixed.text()).isEqualTo("Mail [email removed] or call [phone removed]; card [payment-card removed],"
                + " IBAN [iban removed].");
        assertThat(fixed.verdict().findings()).isEmpty();
        assertThat(fixed.verdict().passed()).isTrue();
    }

    @Test
    void onlyTheRequestedTypesAreReported() {
        Checker checker = Yaml.checker("""
                - id: emails-only
                  kind: personal-data
                  severity: warning
                  on_fail: warn
                  types: [email]
                """);
        assertThat(checker.check("Call +1 (415) 555-0132 or mail a@example.org").findings()).singleElement()
                .satisfies(f -> assertThat(f.span().start()).isEqualTo(31));
    }
}
