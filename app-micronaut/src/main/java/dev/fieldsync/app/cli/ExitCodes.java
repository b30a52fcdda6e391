package dev.fieldsync.app.cli;

/** The CLI's exit codes (documented in the README and in {@code fieldsync --help}). */
public final class ExitCodes {
    /** Everything worked (for verify: no step failed). */
    public static final int OK = 0;
    /** The command ran but did not succeed: a verification step failed, the gateway refused. */
    public static final int FAILED = 1;
    /** Bad usage, input or configuration: an unknown option, an invalid value (every problem is listed), a bad setting. */
    public static final int CONFIGURATION = 2;
    /**
     * A write's outcome is unknown: it may have happened; fieldsync reconciles it from later sync passes (or, for a
     * site, it found candidates a person must check).
     */
    public static final int OUTCOME_UNKNOWN = 3;
    /** The gateway could not be reached or the database could not be opened. */
    public static final int UNAVAILABLE = 4;

    static final String HELP = """
            Exit codes:
              0  success (verify: no step failed)
              1  the command did not succeed (a verification step failed, the gateway refused)
              2  bad usage, input or configuration (the message names what is wrong and the fix)
              3  a write's outcome is unknown (fieldsync reconciles it from later sync passes) or needs a person
              4  the gateway or the database could not be reached""";

    private ExitCodes() {}
}
