/** fieldsync benchmarks. */
package dev.fieldsync.benchmarks;
