/**
 * Thread-safe in-memory implementations of every outbound port of fieldsync, for tests of the application
 * and of other products: stores, a rate budget on virtual time, and a scriptable fake gateway.
 */
package dev.fieldsync.adapters.memory;
