-- The end of the window of the first completed pass that covered a submission's current attempt. Decisions from
-- candidates (no candidate, one, several) wait for a second, later covering pass: a job the scheduling team
-- updated while the first pass paged can move past that pass's closed window, and only the next pass lists it.
ALTER TABLE fs_submission ADD COLUMN first_covered_by TIMESTAMP WITH TIME ZONE;
