package io.qat4j.server.governance;

/** HTML escaping and the page frame of the reviewer's pages (no scripts, no external resources). */
final class Html {
    private Html() {
    }

    /** Text made safe for element content and quoted attribute values. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        var sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String page(String title, String user, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · qat4j review</title>
                <style>%s</style>
                </head>
                <body>
                <header><a class="brand" href="/review">qat4j review</a>%s</header>
                <main>
                %s
                </main>
                </body>
                </html>
                """.formatted(esc(title), CSS, user == null ? "" : user, body);
    }

    private static final String CSS = """
            body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2330;background:#f5f6f8}
            header{display:flex;align-items:center;gap:1rem;padding:.6rem 1.5rem;background:#1d2330;color:#fff}
            header a{color:#fff;text-decoration:none}.brand{font-weight:700;margin-right:auto}
            header form{margin:0}header button{background:none;border:1px solid #8a93a6;color:#fff;border-radius:4px;padding:.15rem .6rem;cursor:pointer}
            main{max-width:1100px;margin:1.5rem auto;padding:0 1.5rem}
            h1{font-size:1.4rem;margin:.2rem 0 1rem}h2{font-size:1.05rem;margin:1.5rem 0 .5rem}
            table{border-collapse:collapse;width:100%;background:#fff;border-radius:6px;overflow:hidden}
            th,td{text-align:left;padding:.45rem .7rem;border-bottom:1px solid #e4e7ec;vertical-align:top}
            th{background:#eef0f4;font-weight:600;font-size:.85rem}
            .tabs{display:flex;gap:.4rem;margin-bottom:1rem;flex-wrap:wrap}.tabs a{padding:.25rem .7rem;border-radius:14px;background:#e4e7ec;color:#1d2330;text-decoration:none;font-size:.9rem}
            .tabs a.on{background:#1d2330;color:#fff}
            .badge{display:inline-block;padding:.05rem .5rem;border-radius:10px;font-size:.8rem;font-weight:600;background:#e4e7ec}
            .st-in_review{background:#fff3cd}.st-approved{background:#d1f0dc}.st-published{background:#cfe3ff}
            .st-rejected{background:#f8d7da}.st-changes_requested{background:#ffe5cc}
            .score-pass{background:#d1f0dc}.score-fail{background:#f8d7da}
            .panel{background:#fff;border-radius:6px;padding:1rem 1.2rem;margin-bottom:1rem;box-shadow:0 1px 2px rgba(0,0,0,.05)}
            .text{white-space:pre-wrap;font-size:1.05rem;line-height:1.7}
            mark{border-radius:3px;padding:0 1px;background:#fff3cd;border-bottom:2px solid #e0a800}
            mark.sev-error{background:#fde2e4;border-bottom-color:#d93344}
            mark.sev-info{background:#e7f0ff;border-bottom-color:#5b8def}
            .caret{display:inline-block;width:0;border-left:2px solid #d93344;height:1.1em;vertical-align:text-bottom}
            ol.findings{padding-left:1.3rem}ol.findings li{margin:.35rem 0}
            .sev{font-size:.75rem;font-weight:700;text-transform:uppercase;padding:0 .35rem;border-radius:3px}
            .sev.error{background:#d93344;color:#fff}.sev.warning{background:#e0a800;color:#fff}.sev.info{background:#5b8def;color:#fff}
            .rule{font-family:ui-monospace,monospace;font-size:.85rem;color:#555}
            .suggestion{color:#1a7f37}
            dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}dt{font-weight:600;color:#555}
            dd{margin:0;word-break:break-all}pre{white-space:pre-wrap;background:#f5f6f8;padding:.6rem;border-radius:4px;margin:0}
            textarea{width:100%;min-height:4rem;font:inherit;box-sizing:border-box}
            .actions button{font:inherit;padding:.4rem 1rem;margin:.5rem .5rem 0 0;border-radius:4px;border:1px solid #8a93a6;background:#fff;cursor:pointer}
            .actions button.approve,.actions button.publish{background:#1a7f37;border-color:#1a7f37;color:#fff}
            .actions button.reject{background:#d93344;border-color:#d93344;color:#fff}
            .error-banner{background:#f8d7da;border:1px solid #d93344;padding:.6rem 1rem;border-radius:4px;margin-bottom:1rem}
            .notice{background:#d1f0dc;border:1px solid #1a7f37;padding:.6rem 1rem;border-radius:4px;margin-bottom:1rem}
            .muted{color:#6b7385;font-size:.9rem}
            time{white-space:nowrap}
            input[type=password]{font:inherit;padding:.35rem;width:28rem;max-width:100%}
            """;
}
