package io.qat4j.server.governance;

import java.util.List;

import io.qat4j.guard.review.AuditEvent;

/** The audit trail as CSV (RFC 4180: comma-separated, fields quoted when needed, CRLF line ends). */
final class AuditCsv {
    static final String HEADER = "item_id,seq,at,actor,actor_role,action,from,to,revision,comment,verdict,prev_hash,hash";

    private AuditCsv() {
    }

    static String of(List<AuditEvent> events) {
        var sb = new StringBuilder(HEADER).append("\r\n");
        for (AuditEvent e : events) {
            Object[] fields = {e.itemId(), e.seq(), e.at(), e.actor(), e.actorRole(), e.action().label(),
                e.from() == null ? "" : e.from().label(), e.to().label(), e.revision(), e.comment(), e.verdict(),
                e.prevHash(), e.hash()};
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(field(fields[i]));
            }
            sb.append("\r\n");
        }
        return sb.toString();
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        // A leading =, +, - or @ would run as a formula in a spreadsheet: quote and prefix it.
        boolean formula = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0;
        if (formula) {
            s = "'" + s;
        }
        if (formula || s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
