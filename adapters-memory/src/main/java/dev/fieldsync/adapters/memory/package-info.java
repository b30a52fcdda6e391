/** fieldsync adapters-memory. */
package dev.fieldsync.adapters.memory;
