package dev.fieldsync.ports.in.verify;

/**
 * The checklist run on a caller's behalf (the REST API): a report younger than the configured reuse time is
 * answered again instead of spending requests; {@code force} runs it anew, but at most once per the configured
 * forced-run interval. Callers that arrive while a run is in flight wait for it and share its report.
 */
public interface RequestVerification {

    VerificationAnswer verify(VerifyOptions options, boolean force);
}
