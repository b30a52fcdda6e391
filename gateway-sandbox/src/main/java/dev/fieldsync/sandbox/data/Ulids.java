package dev.fieldsync.sandbox.data;

import java.security.SecureRandom;
import java.util.Random;

/** ULID-like ids: 10 Crockford base32 characters of milliseconds + 16 of randomness (26 in all). */
public final class Ulids {
  private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final Random RANDOM = new SecureRandom();

  private Ulids() {}

  public static String next() {
    char[] out = new char[26];
    long time = System.currentTimeMillis();
    for (int i = 9; i >= 0; i--) {
      out[i] = CROCKFORD[(int) (time & 31)];
      time >>>= 5;
    }
    long a;
    long b;
    synchronized (RANDOM) {
      a = RANDOM.nextLong();
      b = RANDOM.nextLong();
    }
    for (int i = 10; i < 18; i++) {
      out[i] = CROCKFORD[(int) (a & 31)];
      a >>>= 5;
    }
    for (int i = 18; i < 26; i++) {
      out[i] = CROCKFORD[(int) (b & 31)];
      b >>>= 5;
    }
    return new String(out);
  }
}
