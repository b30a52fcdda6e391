/** fieldsync architecture-tests. */
package dev.fieldsync.architecture;
