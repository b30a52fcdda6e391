/** fieldsync adapters-persistence. */
package dev.fieldsync.adapters.persistence;
