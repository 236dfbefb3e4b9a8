-- Revisions and audit events are never changed or deleted, whatever the application does.
CREATE FUNCTION qat4j_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION qat4j_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION qat4j_append_only();
CREATE TRIGGER content_revisions_append_only BEFORE UPDATE OR DELETE ON content_revisions
    FOR EACH ROW EXECUTE FUNCTION qat4j_append_only();
CREATE TRIGGER content_revisions_no_truncate BEFORE TRUNCATE ON content_revisions
    FOR EACH STATEMENT EXECUTE FUNCTION qat4j_append_only();
