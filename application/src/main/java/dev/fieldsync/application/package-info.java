/** fieldsync application. */
package dev.fieldsync.application;
