package dev.fieldsync.ports.in.write;

import dev.fieldsync.domain.id.JobId;

/**
 * Appends a timestamped line to a job's notes. The gateway overwrites notes, so the mirrored notes are read
 * and extended; a result over 2000 characters is refused before any call.
 */
public interface AppendJobNote {

    /** Returns the job's notes as sent. */
    WriteOutcome<String> append(JobId job, String text);
}
