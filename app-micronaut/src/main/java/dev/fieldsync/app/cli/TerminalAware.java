package dev.fieldsync.app.cli;

/** A command that writes to the terminal it is handed (so tests can capture the output). */
interface TerminalAware {
    void terminal(Terminal terminal);
}
