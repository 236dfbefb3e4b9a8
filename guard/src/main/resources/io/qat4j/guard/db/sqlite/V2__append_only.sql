-- Revisions and audit events are never changed or deleted, whatever the application does.
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;
CREATE TRIGGER content_revisions_no_update BEFORE UPDATE ON content_revisions
BEGIN
    SELECT RAISE(ABORT, 'content_revisions is append-only');
END;
CREATE TRIGGER content_revisions_no_delete BEFORE DELETE ON content_revisions
BEGIN
    SELECT RAISE(ABORT, 'content_revisions is append-only');
END;
