/** fieldsync app-micronaut. */
package dev.fieldsync.app;
